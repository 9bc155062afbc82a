using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Activities;
using Pipeline.Domain.Assets;
using Pipeline.Domain.Durable;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Media;
using Pipeline.Domain.Payloads;
using Pipeline.Domain.Status;
using Pipeline.Domain.Workflows;
using Pipeline.Testing;
using Pipeline.Worker;

namespace Pipeline.Domain.Tests.Workflows;

/// <summary>
/// A provider's Retry-After on the real engine: a generator fails transiently naming a wait, the asset activity turns it
/// into its asset exception, and the fan-out waits at least that long on a durable timer before the next attempt while
/// the other assets of the window go on.
/// </summary>
public sealed class FanOutRetryAfterTests
{
    private static readonly AssetRetryOptions Retry = new() { MaxAttempts = 3, FirstInterval = TimeSpan.FromSeconds(1), BackoffCoefficient = 2, MaxInterval = TimeSpan.FromMinutes(1) };

    [Fact]
    public async Task FanOut_TransientFailureWithRetryAfterLongerThanTheBackoff_NextAttemptWaitsTheRetryAfterWhileTheSiblingCompletes()
    {
        await using var host = await StartAsync(new()
        {
            ["limited"] = new Plan(Failures: 1, RetryAfter: TimeSpan.FromSeconds(3)),
            ["sibling"] = new Plan(WaitsForFirstFailure: true),
        });
        var request = Request("retry-after-job", ["limited", "sibling"], Retry);

        var result = await host.RunAsync(nameof(FanOutChunkWorkflow), request, request.JobId);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        var log = (await StatusOnceEndedAsync(host, request.JobId)).Steps;
        var limited = log.Where(s => s.AssetId == "limited").OrderBy(s => s.Sequence).ToList();
        Assert.Equal([(1, AssetStatus.Failed), (2, AssetStatus.Succeeded)], limited.Select(s => (s.Attempt, s.Status)));
        Assert.Equal([1, 2], host.Services.GetRequiredService<ProviderPlans>().AttemptsOf("limited"));

        // The second attempt started no sooner than the provider's 3 s after the first ended (the backoff alone is 1 s).
        var gap = limited[1].StartedAt!.Value - limited[0].EndedAt!.Value;
        Assert.True(gap >= TimeSpan.FromSeconds(3), $"attempt 2 started {gap.TotalMilliseconds} ms after attempt 1 ended; the provider asked for 3000 ms");
        Assert.Equal(3000, limited[0].RetryAfterMs);
        Assert.Equal(FailureKind.Transient, limited[0].Error!.Kind);
        Assert.Equal("limited: test-provider: rate limited", limited[0].Error!.Message);
        Assert.Null(limited[1].RetryAfterMs);

        // The sibling in the same window finished while the limited asset waited, in one attempt.
        var sibling = Assert.Single(log, s => s.AssetId == "sibling");
        Assert.Equal((1, AssetStatus.Succeeded), (sibling.Attempt, sibling.Status));
        Assert.True(
            sibling.EndedAt <= limited[1].StartedAt,
            $"the sibling ended at {sibling.EndedAt:O}, after the limited asset's second attempt started at {limited[1].StartedAt:O}");

        // The wait is a durable timer read from recorded history: replaying it issues nothing new.
        var replay = await new HistoryReplayer(host.Engine).ReplayAsync(request.JobId);
        Assert.NotNull(replay.Completion);
        Assert.True(replay.IssuedNoNewActions, string.Join(", ", replay.NewActions));
    }

    [Fact]
    public async Task FanOut_RetryAfterOverTheMaxInterval_WaitsTheMaxIntervalAndRecordsTheCap()
    {
        await using var host = await StartAsync(new() { ["hostile"] = new Plan(Failures: 1, RetryAfter: TimeSpan.FromDays(3)) });
        var capped = Retry with { MaxInterval = TimeSpan.FromSeconds(2) };
        var request = Request("retry-after-cap-job", ["hostile"], capped);

        var result = await host.RunAsync(nameof(FanOutChunkWorkflow), request, request.JobId);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        var steps = (await StatusOnceEndedAsync(host, request.JobId)).Steps.OrderBy(s => s.Sequence).ToList();
        Assert.Equal([(1, AssetStatus.Failed), (2, AssetStatus.Succeeded)], steps.Select(s => (s.Attempt, s.Status)));
        Assert.Equal(2000, steps[0].RetryAfterMs);
        var gap = steps[1].StartedAt!.Value - steps[0].EndedAt!.Value;
        Assert.True(gap >= TimeSpan.FromSeconds(2), $"attempt 2 started {gap.TotalMilliseconds} ms after attempt 1; the cap is 2000 ms");
        Assert.True(gap < TimeSpan.FromMinutes(1), $"attempt 2 started {gap} after attempt 1: the provider's three days were not cut to the 2 s cap");
    }

    [Fact]
    public async Task FanOut_GeneratorReportsUsage_TheSucceededStepAndTheJobViewCarryIt()
    {
        var usage = new MediaUsage { Provider = "openai", Model = "gpt-image-1", Images = 1, ImageSize = "1024x1024" };
        await using var host = await StartAsync(new() { ["costly"] = new Plan(Usage: usage), ["free"] = new Plan() });
        var request = Request("usage-job", ["costly", "free"], Retry);

        var result = await host.RunAsync(nameof(FanOutChunkWorkflow), request, request.JobId);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        var state = await StatusOnceEndedAsync(host, request.JobId);
        Assert.Equal(usage, Assert.Single(state.Steps, s => s.AssetId == "costly").Usage);
        Assert.Null(Assert.Single(state.Steps, s => s.AssetId == "free").Usage);

        // The view of a running job is built from the step log: the asset shows what its generator reported.
        var record = new JobRecord { Id = request.JobId, Type = JobType.LectureMedia, Status = JobStatus.Running, CreatedAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch, Request = new JobRequestSummary { Sha256 = new string('0', 64) } };
        var view = Pipeline.Domain.Api.JobViews.Merge(record, null, state, state.Steps, includeSteps: false, "http://127.0.0.1");
        Assert.Equal(usage, Assert.Single(view.Assets, a => a.Id == "costly").Usage);
        Assert.Null(Assert.Single(view.Assets, a => a.Id == "free").Usage);
    }

    private static Task<TestEngine> StartAsync(Dictionary<string, Plan> plans)
    {
        var catalog = new DurableCatalog()
            .AddWorkflow<FanOutChunkWorkflow>()
            .AddActivity<PlannedImageActivity>()
            .AddEntity<JobStatusEntity>();
        return TestEngine.StartAsync(catalog, s => s
            .AddSingleton<IBlobStore, InMemoryBlobStore>()
            .AddSingleton(new ProviderPlans(plans))
            .AddSingleton<IImageGenerator, PlannedImageGenerator>()
            .AddOptions<JobStatusOptions>());
    }

    private static FanOutRequest Request(string jobId, IEnumerable<string> assets, AssetRetryOptions retry) => new()
    {
        JobId = jobId,
        Stage = "images",
        Activity = nameof(PlannedImageActivity),
        Tasks = [.. assets.Select(a => AssetTask.For(a, new PlannedImage { JobId = jobId, Stage = "images", AssetId = a }))],
        Window = 4,
        Retry = retry,
        ReportInterval = TimeSpan.Zero,
    };

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

/// <summary>How the test provider answers for one asset: its first <see cref="Failures"/> attempts are rate limited.</summary>
public sealed record Plan(int Failures = 0, TimeSpan? RetryAfter = null, bool WaitsForFirstFailure = false, MediaUsage? Usage = null);

/// <summary>The plans by asset id, the attempts each asset's generation saw, and the signal of the first rate-limited answer.</summary>
public sealed class ProviderPlans(Dictionary<string, Plan> plans)
{
    private readonly AttemptLog _attempts = new();
    private readonly TaskCompletionSource _firstFailure = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task FirstFailure => _firstFailure.Task;

    public Plan For(string assetId) => plans[assetId];

    public void Failed() => _firstFailure.TrySetResult();

    public void Record(string assetId, int attempt) => _attempts.Record(assetId, attempt);

    public IReadOnlyList<int> AttemptsOf(string assetId) => _attempts.Of(assetId);
}

/// <summary>
/// An image generator that answers as its plan says, by the attempt the orchestration numbered (durable state): rate
/// limited with the plan's Retry-After, or a small PNG-typed body with the plan's usage. A sibling that waits for the
/// first failure finishes only once another asset has been told to wait.
/// </summary>
public sealed class PlannedImageGenerator(ProviderPlans plans) : IImageGenerator
{
    public async Task<GeneratedMedia> GenerateImageAsync(string prompt, int width, int height, CancellationToken cancellationToken = default)
    {
        var plan = plans.For(prompt);
        var attempt = ActivityAttempt.Current ?? 1;
        plans.Record(prompt, attempt);
        if (attempt <= plan.Failures)
        {
            plans.Failed();
            throw new GenerationException(FailureKind.Transient, "test-provider", "rate limited") { RetryAfter = plan.RetryAfter };
        }

        if (plan.WaitsForFirstFailure)
        {
            await plans.FirstFailure.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }

        return new GeneratedMedia
        {
            Content = new MemoryStream(System.Text.Encoding.UTF8.GetBytes($"image of {prompt}"), writable: false),
            ContentType = "image/png",
            Extension = "png",
            Usage = plan.Usage,
        };
    }
}

/// <summary>The work item of <see cref="PlannedImageActivity"/>.</summary>
public sealed record PlannedImage : AssetItem;

/// <summary>An asset activity on the real base (<see cref="AssetActivity{TItem}"/>): one image from the generator, stored as a blob.</summary>
public sealed class PlannedImageActivity(IImageGenerator images, IBlobStore blobs) : AssetActivity<PlannedImage>
{
    protected override async Task<AssetOutcome> GenerateAsync(PlannedImage item, CancellationToken cancellationToken)
    {
        var media = await images.GenerateImageAsync(item.AssetId, 1, 1, cancellationToken);
        await using (media)
        {
            var stored = await blobs.PutAsync(BlobKey.ForAsset(item.JobId, item.Stage, item.AssetId, media.Extension), media.Content, media.ContentType, cancellationToken);
            return AssetOutcome.Succeeded(item.AssetId, item.Stage, stored, media.Usage);
        }
    }
}
