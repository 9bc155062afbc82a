using System.Diagnostics;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pipeline.Domain.Durable;
using Pipeline.Domain.Payloads;
using Pipeline.Domain.Status;
using Pipeline.Domain.Workflows;
using Pipeline.Testing;

namespace Pipeline.Bench;

/// <summary>One stage of simulated assets fanned out on the real engine, as the fan-out benchmarks run it.</summary>
internal static class FanOutRun
{
    /// <summary>The fan-out's workflow, its activity and the job-status entity it reports to.</summary>
    public static DurableCatalog Catalog() => new DurableCatalog()
        .AddWorkflow<FanOutChunkWorkflow>()
        .AddActivity<SimulatedAssetActivity>()
        .AddEntity<JobStatusEntity>();

    /// <summary>An engine for <see cref="Catalog"/> on a fresh task hub of <paramref name="settings"/>; warnings go to the console.</summary>
    public static Task<TestEngine> StartAsync(BenchStorage storage, HubSettings settings, Action<IServiceCollection>? configure = null)
        => TestEngine.StartAsync(settings.Options(storage.ConnectionString), Catalog(), s =>
        {
            s.AddLogging(b => b.AddSimpleConsole()).AddSingleton<IBlobStore, InMemoryBlobStore>().AddOptions<JobStatusOptions>();
            configure?.Invoke(s);
        });

    public static FanOutRequest Request(string jobId, IEnumerable<AssetTask> tasks, int window, int chunk) => new()
    {
        JobId = jobId,
        Stage = "images",
        Activity = nameof(SimulatedAssetActivity),
        Tasks = [.. tasks],
        Window = window,
        ChunkSize = chunk,
    };

    /// <summary>Runs <paramref name="workflow"/> to its end and returns the wall time; throws unless it completed.</summary>
    public static async Task<(OrchestrationMetadata Result, TimeSpan Elapsed)> RunCompletedAsync(this TestEngine host, string workflow, object input, string instanceId, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var result = await host.RunAsync(workflow, input, instanceId, timeout);
        clock.Stop();
        return result.RuntimeStatus == OrchestrationRuntimeStatus.Completed
            ? (result, clock.Elapsed)
            : throw new InvalidOperationException($"{workflow} {instanceId} ended {result.RuntimeStatus}: {result.FailureDetails?.ErrorMessage}");
    }
}
