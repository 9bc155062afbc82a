using Pipeline.Domain.Durable;

namespace Pipeline.Runtime.Testing;

/// <summary>
/// Simulated activity latency on virtual time: an activity parks here for its latency; when the runtime has nothing
/// else to do, the driver jumps the clock to the earliest wake-up (activity or durable timer) and releases what is due.
/// Makespans measured this way are exact and independent of the machine. Also records the peak number of activities
/// parked at once (the real concurrency).
/// </summary>
public sealed class VirtualActivityClock(TimeProvider time, Action<DateTimeOffset> advanceTo)
{
    private readonly Lock _gate = new();
    private readonly PriorityQueue<TaskCompletionSource, DateTimeOffset> _parked = new();
    private DurableRuntime? _runtime;

    public int Parked
    {
        get
        {
            lock (_gate)
            {
                return _parked.Count;
            }
        }
    }

    /// <summary>The most activities that were parked at the same moment.</summary>
    public int PeakParked { get; private set; }

    public Task DelayAsync(TimeSpan latency, CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _parked.Enqueue(done, time.GetUtcNow() + latency);
            PeakParked = Math.Max(PeakParked, _parked.Count);
        }

        cancellationToken.Register(() =>
        {
            lock (_gate)
            {
                _parked.Remove(done, out _, out _);
            }

            done.TrySetCanceled(cancellationToken);
            _runtime?.Wake();
        });
        _runtime?.Wake();
        return done.Task;
    }

    /// <summary>
    /// A <see cref="System.TimeProvider"/> on this clock's time whose timers park here like activities, so code inside an
    /// activity that waits with <c>Task.Delay(…, provider)</c> (an injected latency, a client's backoff) takes virtual time.
    /// </summary>
    public TimeProvider AsTimeProvider() => new ParkingTimeProvider(this, time);

    private sealed class ParkingTimeProvider(VirtualActivityClock clock, TimeProvider time) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => time.GetUtcNow();

        public override long GetTimestamp() => time.GetTimestamp();

        public override long TimestampFrequency => time.TimestampFrequency;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new ParkedTimer(clock, callback, state);
            timer.Change(dueTime, period);
            return timer;
        }
    }

    /// <summary>A one-shot timer parked on the clock; a period is not supported (nothing here needs one).</summary>
    private sealed class ParkedTimer(VirtualActivityClock clock, TimerCallback callback, object? state) : ITimer
    {
        private CancellationTokenSource? _pending;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (period != Timeout.InfiniteTimeSpan && period != TimeSpan.Zero)
            {
                throw new NotSupportedException("Periodic timers are not simulated on the virtual clock.");
            }

            Cancel();
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return true;
            }

            var pending = _pending = new CancellationTokenSource();
            _ = clock.DelayAsync(dueTime, pending.Token).ContinueWith(
                wait => callback(state),
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            return true;
        }

        public void Dispose() => Cancel();

        public ValueTask DisposeAsync()
        {
            Cancel();
            return ValueTask.CompletedTask;
        }

        private void Cancel()
        {
            var pending = Interlocked.Exchange(ref _pending, null);
            pending?.Cancel();
            pending?.Dispose();
        }
    }

    /// <summary>Drives <paramref name="runtime"/> until the instance ends; returns its metadata.</summary>
    public async Task<OrchestrationMetadata> RunToCompletionAsync(DurableRuntime runtime, string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        _runtime = runtime;
        while (true)
        {
            await runtime.WaitForIdleAsync(() => Parked, cancellationToken).ConfigureAwait(false);
            var instance = await runtime.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"No instance with id '{instanceId}' exists.");
            if (instance.IsCompleted)
            {
                return instance;
            }

            var timer = runtime.NextTimerDue is { } due ? new DateTimeOffset(due, TimeSpan.Zero) : (DateTimeOffset?)null;
            List<TaskCompletionSource> released = [];
            lock (_gate)
            {
                var activity = _parked.TryPeek(out _, out var wake) ? wake : (DateTimeOffset?)null;
                var next = (activity, timer) switch
                {
                    (null, null) => throw new InvalidOperationException($"Instance '{instanceId}' is waiting for something no timer or activity will bring."),
                    ({ } a, { } t) => a < t ? a : t,
                    _ => activity ?? timer!.Value,
                };
                if (next > time.GetUtcNow())
                {
                    advanceTo(next);
                }

                while (_parked.TryPeek(out var waiter, out var at) && at <= next)
                {
                    _parked.Dequeue();
                    released.Add(waiter);
                }
            }

            released.ForEach(r => r.TrySetResult());
        }
    }
}
