using Microsoft.DurableTask;
using Pipeline.Domain.Assets;
using Pipeline.Domain.Payloads;
using Pipeline.Testing;

namespace Pipeline.Domain.Tests.Workflows;

/// <summary>An asset for <see cref="GatedAssetActivity"/>; a held one waits until the test releases it.</summary>
public sealed record GatedAsset(string AssetId, bool Held = false);

/// <summary>
/// Synchronises gated asset activities with a test: every activity waits until <see cref="Width"/> of them are running
/// at once (so a window narrower than that never opens the gate and the job times out), held ones then wait for
/// <see cref="Release"/>; <see cref="OthersDone"/> completes once every asset that is not held has finished.
/// </summary>
public sealed class AssetGate(int width, int notHeld)
{
    private readonly TaskCompletionSource _full = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _othersDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private int _running;
    private int _done;

    /// <summary>How long an activity waits for the gate before it fails: a wrong window fails the test, not hangs it.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public int Width => width;

    /// <summary>Completes when every asset that is not held has finished.</summary>
    public Task OthersDone => _othersDone.Task;

    /// <summary>Whether a held asset is still running.</summary>
    public bool HeldRunning { get; private set; }

    public void Release() => _released.TrySetResult();

    internal async Task PassAsync(GatedAsset asset)
    {
        lock (_lock)
        {
            if (++_running >= width)
            {
                _full.TrySetResult();
            }

            HeldRunning |= asset.Held;
        }

        try
        {
            await _full.Task.WaitAsync(Patience);
            if (asset.Held)
            {
                await _released.Task.WaitAsync(Patience);
            }
        }
        finally
        {
            lock (_lock)
            {
                _running--;
                if (asset.Held)
                {
                    HeldRunning = false;
                }
                else if (++_done == notHeld)
                {
                    _othersDone.TrySetResult();
                }
            }
        }
    }
}

/// <summary>Records the asset in the execution log, passes the <see cref="AssetGate"/> and succeeds.</summary>
public sealed class GatedAssetActivity(ExecutionLog log, AssetGate gate) : TaskActivity<GatedAsset, AssetOutcome>
{
    public override async Task<AssetOutcome> RunAsync(TaskActivityContext context, GatedAsset input)
    {
        ArgumentNullException.ThrowIfNull(input);
        log.Record(input.AssetId);
        using (log.Running())
        {
            await gate.PassAsync(input);
        }

        return AssetOutcome.Succeeded(input.AssetId, "images", new BlobRef($"jobs/x/images/{input.AssetId}.png", 1, "image/png", new string('0', 64)));
    }
}
