using System.Security.Cryptography;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Activities;
using Pipeline.Domain.Assets;
using Pipeline.Domain.Durable;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Payloads;
using Pipeline.Domain.Status;
using Pipeline.Domain.Workflows;
using Pipeline.Testing;

namespace Pipeline.Domain.Tests.Workflows;

/// <summary>The step log of a fan-out on the real engine: one step per attempt, with the engine's times and failures.</summary>
public sealed class FanOutAttemptTests
{
    private static readonly AssetRetryOptions Retry = new() { MaxAttempts = 4, FirstInterval = TimeSpan.FromSeconds(1), BackoffCoefficient = 2 };

    [Fact]
    public async Task FanOut_TwoTransientFailuresThenSuccess_LogsThreeNumberedAttemptsAtLeastTheBackoffApart_AndAPermanentFailureOnce()
    {
        await using var host = await StartAsync();
        var assets = new List<AttemptedAsset> { new("flaky", TransientFailures: 2), new("refused", Permanent: true), new("steady") };
        var request = Request("attempts-job", assets);

        var result = await host.RunAsync(nameof(FanOutChunkWorkflow), request, request.JobId);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        var log = (await StatusOnceEndedAsync(host, request.JobId)).Steps;

        // The activity saw the attempt the orchestration numbered: 1, 2, 3 for the flaky asset.
        Assert.Equal([1, 2, 3], host.Services.GetRequiredService<AttemptLog>().Of("flaky"));
        var flaky = log.Where(s => s.AssetId == "flaky").OrderBy(s => s.Sequence).ToList();
        Assert.Equal([1, 2, 3], flaky.Select(s => s.Attempt));
        Assert.Equal([AssetStatus.Failed, AssetStatus.Failed, AssetStatus.Succeeded], flaky.Select(s => s.Status));
        Assert.All(flaky, s => Assert.True(s.StartedAt is not null && s.EndedAt is not null && s.StartedAt <= s.EndedAt, $"attempt {s.Attempt}: {s.StartedAt:O} – {s.EndedAt:O}"));
        for (var i = 1; i < flaky.Count; i++)
        {
            var gap = flaky[i].StartedAt!.Value - flaky[i - 1].EndedAt!.Value;
            Assert.True(gap >= Retry.DelayAfter(i), $"attempt {i + 1} started {gap.TotalMilliseconds} ms after attempt {i} ended; the backoff is {Retry.DelayAfter(i).TotalMilliseconds} ms");
        }

        Assert.All(flaky.Take(2), (s, i) =>
        {
            Assert.Equal(FailureKind.Transient, s.Error!.Kind);
            Assert.Contains($"flaky: rate limited (attempt {i + 1})", s.Error.Message, StringComparison.Ordinal);
        });
        Assert.Null(flaky[2].Error);

        var refused = Assert.Single(log, s => s.AssetId == "refused");
        Assert.Equal((1, AssetStatus.Failed, FailureKind.Permanent), (refused.Attempt, refused.Status, refused.Error!.Kind));
        Assert.Equal([1], host.Services.GetRequiredService<AttemptLog>().Of("refused"));
        var steady = Assert.Single(log, s => s.AssetId == "steady");
        Assert.Equal((1, AssetStatus.Succeeded), (steady.Attempt, steady.Status));
        Assert.Equal(log.Select(s => s.Sequence).Order(), Enumerable.Range(1, 5).Select(i => (long)i));

        // The succeeded steps carry their stored blob: key, length and SHA-256 of the bytes.
        foreach (var step in new[] { flaky[2], steady })
        {
            var bytes = await ReadAsync(host.Services.GetRequiredService<IBlobStore>(), step.Blob!.Key);
            Assert.Equal((bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes))), (step.Blob.Length, step.Blob.Sha256));
        }

        // The stage's counts are by the last attempt, and its end came with the last report.
        var stage = Assert.Single((await StatusOnceEndedAsync(host, request.JobId)).Stages);
        Assert.Equal((3, 2, 1, JobStatus.CompletedWithErrors), (stage.Total, stage.Succeeded, stage.Failed, stage.Status));
    }

    [Fact]
    public async Task FanOut_TransientFailuresUpToMaxAttempts_LogsEveryAttemptAndEndsFailed()
    {
        await using var host = await StartAsync();
        var request = Request("exhausted-job", [new("hopeless", TransientFailures: 99)]) with { Retry = Retry with { MaxAttempts = 3 } };

        var result = await host.RunAsync(nameof(FanOutChunkWorkflow), request, request.JobId);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        var steps = (await StatusOnceEndedAsync(host, request.JobId)).Steps.OrderBy(s => s.Sequence).ToList();
        Assert.Equal([1, 2, 3], steps.Select(s => s.Attempt));
        Assert.All(steps, s => Assert.Equal((AssetStatus.Failed, FailureKind.Transient), (s.Status, s.Error!.Kind)));
        Assert.Contains("(attempt 3)", steps[2].Error!.Message, StringComparison.Ordinal);
        Assert.Equal(1, Assert.Single((await StatusOnceEndedAsync(host, request.JobId)).Stages).Failed);
    }

    private static Task<TestEngine> StartAsync()
    {
        var catalog = new DurableCatalog()
            .AddWorkflow<FanOutChunkWorkflow>()
            .AddActivity<AttemptedAssetActivity>()
            .AddEntity<JobStatusEntity>();
        return TestEngine.StartAsync(catalog, s => s.AddSingleton<IBlobStore, InMemoryBlobStore>().AddSingleton<AttemptLog>().AddOptions<JobStatusOptions>());
    }

    private static FanOutRequest Request(string jobId, IEnumerable<AttemptedAsset> assets) => new()
    {
        JobId = jobId,
        Stage = "images",
        Activity = nameof(AttemptedAssetActivity),
        Tasks = [.. assets.Select(a => AssetTask.For(a.AssetId, a with { JobId = jobId }))],
        Window = 4,
        Retry = Retry,
        ReportInterval = TimeSpan.Zero,
    };

    private static async Task<byte[]> ReadAsync(IBlobStore blobs, string key)
    {
        await using var stream = await blobs.GetAsync(key);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>The job's status once its stage has ended (signals are one-way: the entity may still be applying them).</summary>
    private static async Task<JobStatusState> StatusOnceEndedAsync(TestEngine host, string jobId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var state = (await host.Client.Entities.GetEntityAsync<JobStatusState>(JobStatusEntity.IdFor(jobId), timeout.Token))?.State;
            if (state is { Stages.Count: > 0 } && state.Stages.All(s => s.EndedAt is not null))
            {
                return state;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
        }
    }
}

/// <summary>An asset for <see cref="AttemptedAssetActivity"/>: fails transiently while its attempt is at most <see cref="TransientFailures"/>.</summary>
public sealed record AttemptedAsset(string AssetId, int TransientFailures = 0, bool Permanent = false) : IAttemptNumbered
{
    public string JobId { get; init; } = "job";

    public int? Attempt { get; init; }
}

/// <summary>The attempt numbers each asset's activity saw, in the order they ran.</summary>
public sealed class AttemptLog
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<int>> _attempts = [];

    public void Record(string assetId, int attempt)
    {
        lock (_lock)
        {
            (_attempts.TryGetValue(assetId, out var list) ? list : _attempts[assetId] = []).Add(attempt);
        }
    }

    public IReadOnlyList<int> Of(string assetId)
    {
        lock (_lock)
        {
            return _attempts.TryGetValue(assetId, out var list) ? [.. list] : [];
        }
    }
}

/// <summary>
/// Decides by the attempt in its input alone (durable state, as a generator under <see cref="ActivityAttempt"/> does):
/// stores a small blob and succeeds, or fails as the asset says.
/// </summary>
public sealed class AttemptedAssetActivity(AttemptLog log, IBlobStore blobs) : TaskActivity<AttemptedAsset, AssetOutcome>
{
    public override async Task<AssetOutcome> RunAsync(TaskActivityContext context, AttemptedAsset input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var attempt = ActivityAttempt.Enter(input.Attempt);
        log.Record(input.AssetId, attempt.Number);
        if (input.Permanent)
        {
            throw new PermanentAssetException(input.AssetId, $"{input.AssetId}: prompt refused");
        }

        if (attempt.Number <= input.TransientFailures)
        {
            throw new TransientAssetException(input.AssetId, $"{input.AssetId}: rate limited (attempt {attempt.Number})");
        }

        using var content = new MemoryStream(System.Text.Encoding.UTF8.GetBytes($"bytes of {input.AssetId}"));
        var blob = await blobs.PutAsync(BlobKey.ForAsset(input.JobId, "images", input.AssetId, "png"), content, "image/png");
        return AssetOutcome.Succeeded(input.AssetId, "images", blob);
    }
}
