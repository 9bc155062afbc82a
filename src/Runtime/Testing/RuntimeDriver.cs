using Pipeline.Domain.Durable;

namespace Pipeline.Runtime.Testing;

/// <summary>Drives a runtime on virtual time: whenever it is idle, the clock jumps to the next durable timer.</summary>
public static class RuntimeDriver
{
    /// <summary>
    /// Waits for the instance to finish; each time nothing is runnable, calls <paramref name="advanceClockTo"/> with the
    /// next timer's due time. Throws when the instance can make no progress (no timer, nothing running).
    /// </summary>
    public static async Task<OrchestrationMetadata> RunToCompletionAsync(
        this DurableRuntime runtime,
        string instanceId,
        Action<DateTimeOffset> advanceClockTo,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(advanceClockTo);
        while (true)
        {
            await runtime.WaitForIdleAsync(cancellationToken).ConfigureAwait(false);
            var instance = await runtime.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"No instance with id '{instanceId}' exists.");
            if (instance.IsCompleted)
            {
                return instance;
            }

            var next = runtime.NextTimerDue
                ?? throw new InvalidOperationException($"Instance '{instanceId}' is waiting for something no timer or activity will bring (an external event?).");
            advanceClockTo(new DateTimeOffset(next, TimeSpan.Zero));
        }
    }
}
