using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.DurableTask;
using Pipeline.Domain.Assets;
using Pipeline.Domain.Payloads;
using Pipeline.Domain.Workflows;
using Pipeline.Testing;

namespace Pipeline.Worker.Tests.Jobs;

/// <summary>Returns a large deterministic string of the requested length.</summary>
public sealed class LargeResultActivity : TaskActivity<int, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, int input) => Task.FromResult(Value(input));

    public static string Value(int length) => string.Create(length, length, (span, _) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = (char)('a' + (i * 7 % 26));
        }
    });

    public static string Digest(string value) => $"{value.Length}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))}";
}

/// <summary>Calls <see cref="LargeResultActivity"/> and returns what it received: length and SHA-256.</summary>
public sealed class LargeResultWorkflow : TaskOrchestrator<int, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, int input)
        => LargeResultActivity.Digest(await context.CallActivityAsync<string>(nameof(LargeResultActivity), input));
}

/// <summary>Where <see cref="GatedAssetActivity"/> blocks (asset id), and how a test learns it got there.</summary>
public sealed class AssetGate
{
    public string? BlockAt { get; init; }

    public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>An asset activity that records each execution and blocks on its gate for one chosen asset.</summary>
public sealed class GatedAssetActivity(ExecutionLog log, AssetGate gate) : TaskActivity<SimulatedAsset, AssetOutcome>
{
    public override async Task<AssetOutcome> RunAsync(TaskActivityContext context, SimulatedAsset input)
    {
        ArgumentNullException.ThrowIfNull(input);
        log.Record(input.AssetId);
        if (input.AssetId == gate.BlockAt)
        {
            gate.Reached.TrySetResult();
            await gate.Release.Task;
        }

        return AssetOutcome.Succeeded(input.AssetId, "images", new BlobRef($"jobs/x/images/{input.AssetId}.png", 1, "image/png", new string('0', 64)));
    }
}

/// <summary>Version 1 of a workflow that later changes: an asset, a wait for "go", another asset.</summary>
public sealed class VersionedWorkflow : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        var a = await context.CallActivityAsync<AssetOutcome>(nameof(SimulatedAssetActivity), new SimulatedAsset($"{input}-a", 0));
        await context.WaitForExternalEvent<string>("go");
        var b = await context.CallActivityAsync<AssetOutcome>(nameof(SimulatedAssetActivity), new SimulatedAsset($"{input}-b", 0));
        return $"{a.AssetId}+{b.AssetId}";
    }
}

/// <summary>Version 2, redeployed under version 1's name: the first activity was replaced.</summary>
public sealed class ChangedVersionedWorkflow : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        var a = await context.CallActivityAsync<AssetOutcome>(nameof(GatedAssetActivity), new SimulatedAsset($"{input}-a", 0));
        await context.WaitForExternalEvent<string>("go");
        return a.AssetId;
    }
}

/// <summary>Stage requests for Pipeline's fan-out over test assets.</summary>
public static class Stages
{
    /// <summary>A stage of <paramref name="count"/> assets run by <paramref name="activity"/>, each input padded with a prompt of <paramref name="promptLength"/> characters.</summary>
    public static FanOutRequest Images(string jobId, string activity, int count, int window = 16, int promptLength = 0) => new()
    {
        JobId = jobId,
        Stage = "images",
        Activity = activity,
        Window = window,
        ChunkSize = int.MaxValue,
        ReportInterval = TimeSpan.Zero,
        Tasks = [.. Enumerable.Range(0, count).Select(i => new AssetTask(
            AssetId(i),
            JsonSerializer.SerializeToElement(new { assetId = AssetId(i), latencyMs = 0, prompt = new string('p', promptLength) }, JsonPayloadConverter.Options)))],
    };

    public static string AssetId(int index) => $"image-{index:D3}";
}

/// <summary>Hands an activity an input of <c>input</c> characters and returns the activity's digest of it.</summary>
public sealed class LargeInputWorkflow : TaskOrchestrator<int, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, int input)
        => context.CallActivityAsync<string>(nameof(DigestActivity), LargeResultActivity.Value(input));
}

/// <summary>The digest of its input, as <see cref="LargeResultActivity.Digest"/> computes it.</summary>
public sealed class DigestActivity : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult(LargeResultActivity.Digest(input));
}

/// <summary>A job's status from start to completion, with an activity between the two signals (two episodes at least).</summary>
public sealed class StatusLifecycleWorkflow : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        var status = Pipeline.Domain.Status.JobStatusEntity.IdFor(input);
        await context.Entities.SignalEntityAsync(status, nameof(Pipeline.Domain.Status.JobStatusEntity.Start), new Pipeline.Domain.Status.StartJob { JobType = Pipeline.Domain.Jobs.JobType.LectureMedia, At = context.CurrentUtcDateTime });
        var digest = await context.CallActivityAsync<string>(nameof(DigestActivity), input);
        await context.Entities.SignalEntityAsync(status, nameof(Pipeline.Domain.Status.JobStatusEntity.Complete), new Pipeline.Domain.Status.CompleteJob { At = context.CurrentUtcDateTime });
        return digest;
    }
}
