using System.Globalization;
using DurableTask.Core.History;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pipeline.Domain;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Lecture;
using Pipeline.Domain.Status;
using Pipeline.Infrastructure.Jobs;
using Pipeline.Infrastructure.Media;
using Pipeline.Infrastructure.Storage;
using Pipeline.Testing;

namespace Pipeline.Bench;

/// <summary>
/// A whole lecture (12 segments by default; its manifest passes the 16 KB inline threshold and goes through the claim
/// check) with the real local generators on the real engine, started as the HTTP API starts it
/// (request stored first): history payload bytes and events per asset, read from the backend's stored histories of
/// the job's root and every sub-orchestration.
/// </summary>
internal static class LectureHistoryBenchmark
{
    public static async Task RunAsync(TextWriter output, string[] args, CancellationToken cancellationToken)
    {
        var segments = FanOutThroughputBenchmark.IntArg(args, "--segments", 12);
        var settings = HubSettings.Tuned;
        await using var storage = await BenchStorage.StartAsync();
        await output.WriteLineAsync(Invariant($"## Lecture: history per asset on the real engine ({segments} segments, local generators, {settings.Describe()})"));
        await output.WriteLineAsync();
        await output.WriteLineAsync("| report interval | assets | instances | wall time | RecordSteps signals | history events per asset | history payload bytes per asset |");
        await output.WriteLineAsync("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var interval in new[] { TimeSpan.FromSeconds(1), TimeSpan.Zero })
        {
            cancellationToken.ThrowIfCancellationRequested();
            var root = Directory.CreateTempSubdirectory("pipeline-bench-lecture-");
            try
            {
                var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Pipeline:Storage:FileSystem:RootPath"] = Path.Combine(root.FullName, "blobs"),
                    ["Pipeline:Jobs:Embedded:DataRoot"] = Path.Combine(root.FullName, "data"),
                    ["Pipeline:Lecture:ImageWidth"] = "320",
                    ["Pipeline:Lecture:ImageHeight"] = "180",
                    ["Pipeline:Lecture:Retry:FirstInterval"] = "00:00:02",
                    ["Pipeline:Lecture:StatusReportInterval"] = interval.ToString("c", CultureInfo.InvariantCulture),
                    ["Pipeline:Media:VideoWidth"] = "160",
                    ["Pipeline:Media:VideoHeight"] = "90",
                    ["Pipeline:Media:VideoFramesPerSecond"] = "5",
                }).Build();
                var row = await RunOnceAsync(storage, settings, configuration, segments, $"lecture-{interval.TotalSeconds:F0}s");
                await output.WriteLineAsync(Invariant(
                    $"| {interval.TotalSeconds:F0} s | {row.Assets} | {row.Instances} | {row.Elapsed.TotalSeconds:F1} s | {row.Reports} | {(double)row.Events / row.Assets:F1} | {(double)row.Bytes / row.Assets:F0} |"));
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                root.Delete(recursive: true);
            }
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync("Payload bytes: UTF-8 bytes of every input, result, event and failure text in the job's stored histories (`HistoryQueries.HistoryPayloadBytesOfJobAsync`), without the backend's fixed per-event columns; events: `HistoryEventsOfJobAsync`.");
        await output.WriteLineAsync();
    }

    private static async Task<Row> RunOnceAsync(BenchStorage storage, HubSettings settings, IConfiguration configuration, int segments, string jobId)
    {
        await using var host = await TestEngine.StartAsync(settings.Options(storage.ConnectionString), PipelineCatalog.Create(), s =>
        {
            s.AddLogging(b => b.AddSimpleConsole()).AddSingleton(configuration);
            s.AddPipelineDomain().AddPipelineStorage().AddPipelineJobStore().AddPipelineMedia();
        });
        var request = Lecture(segments);
        await host.Services.GetRequiredService<LectureRequestStore>().SaveAsync(jobId, request, CancellationToken.None);
        var (result, elapsed) = await host.RunCompletedAsync(
            nameof(LectureMediaWorkflow),
            new LectureMediaJob { JobId = jobId, Request = request, Reuse = [], RequestStored = true },
            jobId,
            TimeSpan.FromMinutes(10));
        var summary = result.ReadOutputAs<JobSummary>()!;
        var instances = await host.Engine.InstancesOfJobAsync(jobId);
        var reports = 0;
        foreach (var id in instances)
        {
            reports += (await host.Engine.HistoryAsync(id)).OfType<EventSentEvent>().Count(e => e.Input?.Contains(nameof(JobStatusEntity.RecordSteps), StringComparison.Ordinal) == true);
        }

        return new Row(
            summary.Total,
            instances.Count,
            elapsed,
            reports,
            await host.Engine.HistoryEventsOfJobAsync(jobId),
            await host.Engine.HistoryPayloadBytesOfJobAsync(jobId));
    }

    private static LectureMediaRequest Lecture(int segments) => new()
    {
        LectureId = "lecture-1",
        Title = "How tides work",
        Segments = [.. Enumerable.Range(0, segments).Select(i => new LectureSegment
        {
            Index = i,
            Text = $"Segment {i}. The moon pulls the oceans, and the earth turns beneath the bulge of water twice a day.",
        })],
        Music = new LectureMusic { Prompt = "calm ocean ambience", DurationSeconds = 3 },
    };

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record Row(int Assets, int Instances, TimeSpan Elapsed, int Reports, int Events, long Bytes);
}
