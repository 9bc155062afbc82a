using System.Globalization;
using Pipeline.Domain.Durable;
using Pipeline.Domain.Status;
using Pipeline.Infrastructure.Tests.Lecture;
using Pipeline.Testing;

namespace Pipeline.Bench;

/// <summary>
/// A whole 12-segment lecture (73 assets) with the real local generators on virtual time: history bytes per asset and
/// status reports, with generator calls taking no time or a provider-like lognormal latency, at the default status
/// report interval and with every completion reported on its own.
/// </summary>
internal static class LectureBenchmark
{
    private const int Segments = 12;

    public static async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync($"## Lecture: history bytes per asset ({Segments} segments, started as the HTTP API starts it)");
        await output.WriteLineAsync();
        await output.WriteLineAsync("| generator latency (lognormal σ = 1) | report interval | assets | makespan | RecordSteps signals | history bytes per asset |");
        await output.WriteLineAsync("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var median in new double[] { 0, 1, 5, 22 })
        {
            foreach (var interval in new[] { TimeSpan.FromSeconds(1), TimeSpan.Zero })
            {
                cancellationToken.ThrowIfCancellationRequested();
                await using var host = median == 0
                    ? new LectureHost(new Dictionary<string, string?> { ["Pipeline:Lecture:StatusReportInterval"] = interval.ToString("c", CultureInfo.InvariantCulture) })
                    : LectureHost.WithProviderLatency(TimeSpan.FromSeconds(median), interval);
                var jobId = $"lecture-{median:F0}s-{interval.TotalSeconds:F0}";
                var start = host.Runtime.Clock.GetUtcNow();
                var result = await host.RunAsTheApiStartsAsync(jobId, LectureHost.Lecture(Segments));
                if (result.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
                {
                    throw new InvalidOperationException($"{jobId} ended {result.RuntimeStatus}: {result.FailureDetails?.ErrorMessage}");
                }

                var summary = result.ReadOutputAs<Domain.Jobs.JobSummary>()!;
                var reports = host.Runtime.Runtime.ListInstances()
                    .Sum(i => host.Runtime.Runtime.GetHistory(i.InstanceId)!.Count(e => e.Name == nameof(JobStatusEntity.RecordSteps)));
                var bytes = (double)host.Runtime.Runtime.HistoryBytesOfJob(jobId) / summary.Total;
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"| {(median == 0 ? "none (all finish at once)" : $"median {median:F0} s")} | {interval.TotalSeconds:F0} s | {summary.Total} | {(host.Runtime.Clock.GetUtcNow() - start).TotalSeconds:F1} s | {reports} | {bytes:F0} |"));
            }
        }

        await output.WriteLineAsync();
    }
}
