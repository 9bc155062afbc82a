using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Durable;
using Pipeline.Domain.Payloads;
using Pipeline.Infrastructure.Storage;
using Pipeline.Runtime;
using Pipeline.Runtime.Store;

namespace Pipeline.Bench;

/// <summary>
/// History bytes per asset: activities that return a blob reference (Pipeline) against activities that return the
/// bytes inline as base64 (the naive design), for assets of 1 KB, 1 MB and 100 MB, in the same run.
/// </summary>
internal static class ClaimCheckBenchmark
{
    private const int AssetsPerRun = 3;

    public static async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync("## Claim check: history bytes per asset");
        await output.WriteLineAsync();
        await output.WriteLineAsync("| asset size | with references | naive inline (base64) | ratio |");
        await output.WriteLineAsync("| ---: | ---: | ---: | ---: |");
        foreach (var size in new[] { 1_000L, 1_000_000L, 100_000_000L })
        {
            var stored = await HistoryBytesPerAssetAsync(nameof(StoredAssetActivity), size, cancellationToken);
            var inline = await HistoryBytesPerAssetAsync(nameof(InlineAssetActivity), size, cancellationToken);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"| {Size(size)} | {stored:N0} B | {inline:N0} B | {inline / stored:N0}× |"));
        }

        await output.WriteLineAsync();
    }

    private static async Task<double> HistoryBytesPerAssetAsync(string activity, long size, CancellationToken cancellationToken)
    {
        var root = Directory.CreateTempSubdirectory("pipeline-bench-claim-");
        try
        {
            var blobs = new FileSystemBlobStore(new FileSystemBlobStoreOptions { RootPath = root.FullName });
            var catalog = new DurableCatalog().AddActivity<StoredAssetActivity>().AddActivity<InlineAssetActivity>().AddWorkflow<AssetBatchWorkflow>();
            await using var services = new ServiceCollection().AddSingleton<IBlobStore>(blobs).BuildServiceProvider();
            using var store = new InMemoryHistoryStore();
            await using var runtime = new DurableRuntime(catalog, services, store);
            runtime.Start();
            const string jobId = "claim-check-bench";
            var assets = Enumerable.Range(0, AssetsPerRun).Select(i => new AssetSpec(jobId, $"asset-{i}", size)).ToList();
            await runtime.Client.ScheduleNewOrchestrationInstanceAsync(nameof(AssetBatchWorkflow), new AssetBatch(activity, assets), new StartOrchestrationOptions(jobId), cancellationToken);
            var result = await runtime.Client.WaitForInstanceCompletionAsync(jobId, cancellation: cancellationToken);
            if (result.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
            {
                throw new InvalidOperationException($"{activity} ended {result.RuntimeStatus}: {result.FailureDetails?.ErrorMessage}");
            }

            return (double)runtime.GetCounters(jobId)!.HistoryBytes / AssetsPerRun;
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private static string Size(long bytes) => bytes switch
    {
        >= 1_000_000 => $"{bytes / 1_000_000} MB",
        >= 1_000 => $"{bytes / 1_000} KB",
        _ => $"{bytes} B",
    };
}
