using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Domain.Durable;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Payloads;
using Pipeline.Runtime.Execution;
using Pipeline.Runtime.History;
using Pipeline.Runtime.Store;

namespace Pipeline.Runtime;

/// <summary>
/// The in-process durable runtime: event-sourced instances replayed on every episode, activities on a bounded worker
/// pool (at least once), durable timers, sub-orchestrations, external events, termination, ContinueAsNew and entities
/// with serial operations per key. Everything an episode changes is committed to the <see cref="IHistoryStore"/> in one
/// step, so a new runtime on the same store resumes every unfinished instance.
/// </summary>
public sealed partial class DurableRuntime : IAsyncDisposable
{
    private readonly DurableCatalog _catalog;
    private readonly IServiceProvider _services;
    private readonly IHistoryStore _store;
    private readonly IPayloadConverter _converter;
    private readonly TimeProvider _time;
    private readonly DurableRuntimeOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abortActivities = new();
    private readonly Channel<WorkMessage> _activities = Channel.CreateUnbounded<WorkMessage>();

    private readonly Dictionary<string, InstanceState> _instances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EntityState> _entities = new(StringComparer.Ordinal);
    private readonly HashSet<string> _readyInstances = new(StringComparer.Ordinal);
    private readonly HashSet<string> _readyEntities = new(StringComparer.Ordinal);
    private readonly PriorityQueue<(MessageTarget Target, string Id), DateTime> _delayed = new();
    private readonly Dictionary<string, List<TaskCompletionSource<OrchestrationMetadata>>> _completionWaiters = new(StringComparer.Ordinal);
    private readonly List<(TaskCompletionSource Waiter, Func<int>? Parked)> _idleWaiters = [];

    private ITimer? _wakeTimer;
    private Task? _dispatcher;
    private Task[] _workers = [];
    private long _nextMessageId = 1;
    private int _activitiesOutstanding;
    private int _activitiesRunning;
    private volatile bool _aborted;

    public DurableRuntime(
        DurableCatalog catalog,
        IServiceProvider services,
        IHistoryStore store,
        IPayloadConverter? converter = null,
        TimeProvider? timeProvider = null,
        DurableRuntimeOptions? options = null,
        ILoggerFactory? loggerFactory = null)
    {
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        _services = services ?? throw new ArgumentNullException(nameof(services));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _converter = converter ?? JsonPayloadConverter.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _options = options ?? new DurableRuntimeOptions();
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<DurableRuntime>();
        Client = new InProcessDurableClient(this);
    }

    /// <summary>The client port over this runtime.</summary>
    public IDurableClient Client { get; }

    /// <summary>The converter every payload goes through.</summary>
    public IPayloadConverter Converter => _converter;

    /// <summary>Set when the dispatcher stopped on an unexpected error (for example, the store failed).</summary>
    public Exception? Fault { get; private set; }

    /// <summary>Loads what the store holds and starts dispatching; unfinished instances continue where they were.</summary>
    public void Start()
    {
        if (_dispatcher is not null)
        {
            throw new InvalidOperationException("The runtime is already started.");
        }

        var snapshot = _store.Load();
        foreach (var record in snapshot.Instances)
        {
            var history = snapshot.Histories.TryGetValue(record.InstanceId, out var h) ? h.ToList() : [];
            _instances[record.InstanceId] = new InstanceState(record, history);
        }

        foreach (var (id, state) in snapshot.EntityStates)
        {
            _entities[id] = new EntityState { State = state };
        }

        foreach (var message in snapshot.Messages)
        {
            _nextMessageId = Math.Max(_nextMessageId, message.Id + 1);
            Route(message);
        }

        Log.Resumed(_logger, _instances.Values.Count(i => !i.Record.IsTerminal), snapshot.Messages.Count);
        _wakeTimer = _time.CreateTimer(_ => Signal(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _workers = Enumerable.Range(0, _options.MaxConcurrentActivities).Select(_ => Task.Run(ActivityWorkerAsync)).ToArray();
        _dispatcher = Task.Run(DispatchLoopAsync);
        Signal();
    }

    /// <summary>Completes when nothing is ready to run: no pending message is visible and no activity is queued or running.</summary>
    public Task WaitForIdleAsync(CancellationToken cancellationToken = default) => WaitForIdleAsync(null, cancellationToken);

    /// <summary>
    /// Completes when nothing is ready to run, counting activities parked on a simulated clock
    /// (<paramref name="parkedActivities"/>) as settled: the moment a virtual-time driver may advance the clock.
    /// </summary>
    public async Task WaitForIdleAsync(Func<int>? parkedActivities, CancellationToken cancellationToken = default)
    {
        var idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _idleWaiters.Add((idle, parkedActivities));
        }
        finally
        {
            _gate.Release();
        }

        Signal();
        await idle.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>When the earliest durable timer (or delayed start) fires; null when none is pending.</summary>
    public DateTime? NextTimerDue
    {
        get
        {
            _gate.Wait();
            try
            {
                return _delayed.TryPeek(out _, out var due) ? due : null;
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <summary>The cost counters of one instance.</summary>
    public InstanceCounters? GetCounters(string instanceId) => Read(instanceId, i => i.Record.Counters.Copy());

    /// <summary>A copy of an instance's current history.</summary>
    public IReadOnlyList<HistoryEvent>? GetHistory(string instanceId) => Read(instanceId, i => (IReadOnlyList<HistoryEvent>)i.History.ToList());

    /// <summary>Every instance id with its status, sub-orchestrations included.</summary>
    public IReadOnlyList<(string InstanceId, string Name, OrchestrationRuntimeStatus Status)> ListInstances()
    {
        _gate.Wait();
        try
        {
            return _instances.Values.Select(i => (i.Record.InstanceId, i.Record.Name, i.Record.Status)).ToList();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops taking work, lets running activities finish and commit, then stops.</summary>
    public async Task StopAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _activities.Writer.TryComplete();
        await WhenStoppedAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Stops as a crash would: nothing more is committed, running activities' results are lost (they run again on the
    /// next start). For tests and benchmarks of recovery.
    /// </summary>
    public async Task AbortAsync()
    {
        _aborted = true;
        await _abortActivities.CancelAsync().ConfigureAwait(false);
        await StopAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await StopAsync().ConfigureAwait(false);
        }

        if (_wakeTimer is not null)
        {
            await _wakeTimer.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
        _abortActivities.Dispose();
        _gate.Dispose();
        _signal.Dispose();
    }

    private async Task WhenStoppedAsync()
    {
        var all = _workers.Append(_dispatcher ?? Task.CompletedTask);
        try
        {
            await Task.WhenAll(all).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private T? Read<T>(string instanceId, Func<InstanceState, T> read)
        where T : class
    {
        _gate.Wait();
        try
        {
            return _instances.TryGetValue(instanceId, out var instance) ? read(instance) : null;
        }
        finally
        {
            _gate.Release();
        }
    }

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    /// <summary>Payloads written while running an instance's work are attributed to its job (the root instance).</summary>
    private static PayloadScope? PayloadScopeFor(InstanceRecord? record, string step)
        => record?.RootInstanceId is { } root && JobId.IsValid(root) ? PayloadScope.ForJob(root, step) : null;

    private void Signal()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the dispatcher will look again.
        }
        catch (ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private WorkMessage NewMessage(MessageTarget target, string targetId, DateTime visibleAt, HistoryEvent e)
        => new(_nextMessageId++, target, targetId, visibleAt, e);

    /// <summary>Puts a committed message where its consumer finds it.</summary>
    private void Route(WorkMessage message)
    {
        switch (message.Target)
        {
            case MessageTarget.Activity:
                Interlocked.Increment(ref _activitiesOutstanding);
                _activities.Writer.TryWrite(message);
                return;
            case MessageTarget.Orchestration:
                if (!_instances.TryGetValue(message.TargetId, out var instance))
                {
                    return;
                }

                instance.Inbox.Add(message);
                break;
            case MessageTarget.Entity:
                if (!_entities.TryGetValue(message.TargetId, out var entity))
                {
                    _entities[message.TargetId] = entity = new EntityState();
                }

                entity.Inbox.Add(message);
                break;
        }

        if (message.VisibleAt <= Now)
        {
            (message.Target == MessageTarget.Entity ? _readyEntities : _readyInstances).Add(message.TargetId);
        }
        else
        {
            _delayed.Enqueue((message.Target, message.TargetId), message.VisibleAt);
        }
    }

    private async Task DispatchLoopAsync()
    {
        try
        {
            while (!_stopping.IsCancellationRequested)
            {
                await _signal.WaitAsync(_stopping.Token).ConfigureAwait(false);
                bool progressed;
                do
                {
                    await _gate.WaitAsync(_stopping.Token).ConfigureAwait(false);
                    try
                    {
                        if (_aborted)
                        {
                            return;
                        }

                        PromoteDueMessages();
                        progressed = RunReadyInstances() | await RunReadyEntitiesAsync().ConfigureAwait(false);
                        if (!progressed)
                        {
                            ArmWakeTimer();
                            CompleteIdleWaitersIfIdle();
                        }
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }
                while (progressed && !_stopping.IsCancellationRequested);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            Fault = e;
            Log.DispatcherFailed(_logger, e);
            throw;
        }
    }

    private void PromoteDueMessages()
    {
        var now = Now;
        while (_delayed.TryPeek(out var target, out var due) && due <= now)
        {
            _delayed.Dequeue();
            (target.Target == MessageTarget.Entity ? _readyEntities : _readyInstances).Add(target.Id);
        }
    }

    private void ArmWakeTimer()
    {
        if (_delayed.TryPeek(out _, out var due))
        {
            var wait = due - Now;
            _wakeTimer?.Change(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, Timeout.InfiniteTimeSpan);
        }
    }

    private void CompleteIdleWaitersIfIdle()
    {
        if (_idleWaiters.Count == 0 || _readyInstances.Count > 0 || _readyEntities.Count > 0)
        {
            return;
        }

        var outstanding = Volatile.Read(ref _activitiesOutstanding);
        var running = Volatile.Read(ref _activitiesRunning);
        _idleWaiters.RemoveAll(w =>
        {
            // Settled: every activity is parked, or every worker is busy with a parked one (the rest wait for a worker).
            var parked = w.Parked?.Invoke() ?? 0;
            if (outstanding > parked && !(parked > 0 && running == parked && running >= _options.MaxConcurrentActivities))
            {
                return false;
            }

            w.Waiter.TrySetResult();
            return true;
        });
    }

    /// <summary>Asks the dispatcher to look again (a simulated clock parked or released an activity).</summary>
    public void Wake() => Signal();

    private static List<WorkMessage> TakeVisible(List<WorkMessage> inbox, DateTime now)
    {
        var batch = inbox.Where(m => m.VisibleAt <= now).OrderBy(m => m.Id).ToList();
        if (batch.Count > 0)
        {
            inbox.RemoveAll(m => m.VisibleAt <= now);
        }

        return batch;
    }

    private sealed class InstanceState(InstanceRecord record, List<HistoryEvent> history)
    {
        public InstanceRecord Record { get; set; } = record;

        public List<HistoryEvent> History { get; set; } = history;

        public List<WorkMessage> Inbox { get; } = [];
    }

    private sealed class EntityState
    {
        public string? State { get; set; }

        public List<WorkMessage> Inbox { get; } = [];
    }
}
