using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Pipeline.Domain.Durable;
using Pipeline.Runtime.History;

namespace Pipeline.Runtime.Execution;

/// <summary>
/// The context a workflow sees during one episode. Every command takes the next sequence id; replay matches commands
/// to history by that id and records a mismatch as non-determinism. Completions from history resolve the tasks the
/// workflow awaits.
/// </summary>
internal sealed class RuntimeOrchestrationContext : IOrchestrationContext, IOrchestrationEntities
{
    private static readonly Guid GuidNamespace = new("9e952958-5e33-4daf-827f-2fa12937b875");

    private readonly IPayloadConverter _converter;
    private readonly ILoggerFactory _loggerFactory;
    private readonly SortedDictionary<int, HistoryEvent> _unmatched = [];
    private readonly List<HistoryEvent> _issued = [];
    private readonly Dictionary<int, (string Name, TaskCompletionSource<string?> Source)> _open = [];
    private readonly Dictionary<string, LinkedList<TaskCompletionSource<string?>>> _waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Queue<string?>> _buffered = new(StringComparer.OrdinalIgnoreCase);
    private int _sequence;
    private int _guidCounter;

    public RuntimeOrchestrationContext(string name, string instanceId, IPayloadConverter converter, ILoggerFactory loggerFactory)
    {
        Name = name;
        InstanceId = instanceId;
        _converter = converter;
        _loggerFactory = loggerFactory;
    }

    public string Name { get; }

    public string InstanceId { get; }

    public DateTime CurrentUtcDateTime { get; set; }

    public bool IsReplaying { get; set; }

    public IOrchestrationEntities Entities => this;

    /// <summary>Set when replay diverged from history; the episode stops and the instance fails.</summary>
    public NonDeterministicWorkflowException? NonDeterminism { get; private set; }

    public object? CustomStatus { get; private set; }

    public bool CustomStatusSet { get; private set; }

    public bool ContinuedAsNew { get; private set; }

    public object? ContinueAsNewInput { get; private set; }

    public bool PreserveUnprocessedEvents { get; private set; }

    /// <summary>Every command issued in this episode, in order (replayed ones included).</summary>
    public IReadOnlyList<HistoryEvent> Issued => _issued;

    /// <summary>Commands not found in history: the new work of this episode.</summary>
    public IEnumerable<HistoryEvent> NewCommands => _unmatched.Values;

    /// <summary>Raised events no one waited for; carried into the next execution on ContinueAsNew.</summary>
    public IEnumerable<(string Name, string? Payload)> UnprocessedEvents
        => _buffered.SelectMany(b => b.Value.Select(p => (b.Key, p)));

    public async Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null)
    {
        var payload = _converter.Serialize(input);
        var raw = await WithRetryAsync(options?.Retry, () => Schedule(new HistoryEvent(HistoryEventType.TaskScheduled) { Name = name, Payload = payload }));
        return Read<TResult>(raw);
    }

    public Task CallActivityAsync(string name, object? input = null, TaskOptions? options = null)
        => CallActivityAsync<object?>(name, input, options);

    public async Task<TResult> CallSubOrchestratorAsync<TResult>(string orchestratorName, object? input = null, TaskOptions? options = null)
    {
        var instanceId = (options as SubOrchestrationOptions)?.InstanceId ?? NewGuid().ToString("N");
        var payload = _converter.Serialize(input);
        var raw = await WithRetryAsync(
            options?.Retry,
            () => Schedule(new HistoryEvent(HistoryEventType.SubOrchestrationInstanceCreated) { Name = orchestratorName, Payload = payload, InstanceId = instanceId }));
        return Read<TResult>(raw);
    }

    public Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var timer = Schedule(new HistoryEvent(HistoryEventType.TimerCreated) { Name = "timer", FireAt = fireAt });
        if (cancellationToken.CanBeCanceled)
        {
            var source = _open[_sequence - 1].Source;
            cancellationToken.Register(() => source.TrySetCanceled(cancellationToken));
        }

        return timer;
    }

    public Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) => CreateTimer(CurrentUtcDateTime + delay, cancellationToken);

    public Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        if (_buffered.TryGetValue(eventName, out var queue) && queue.TryDequeue(out var buffered))
        {
            return Task.FromResult(Read<T>(buffered));
        }

        var source = new TaskCompletionSource<string?>();
        if (!_waiters.TryGetValue(eventName, out var waiters))
        {
            _waiters[eventName] = waiters = new LinkedList<TaskCompletionSource<string?>>();
        }

        var node = waiters.AddLast(source);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                if (node.List is not null)
                {
                    waiters.Remove(node);
                }

                source.TrySetCanceled(cancellationToken);
            });
        }

        return ReadAsync<T>(source.Task);
    }

    public async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource();
        var timer = CreateTimer(CurrentUtcDateTime + timeout, cancel.Token);
        var received = WaitForExternalEvent<T>(eventName, cancel.Token);
        var winner = await Task.WhenAny(received, timer);

        // Synchronous on purpose: the callbacks must run on the episode's thread, not on the thread pool.
#pragma warning disable CA1849
        cancel.Cancel();
#pragma warning restore CA1849
        if (winner == received)
        {
            return await received;
        }

        throw new TaskCanceledException($"No '{eventName}' event arrived within {timeout}.");
    }

    public void SendEvent(string instanceId, string eventName, object? payload)
        => Issue(new HistoryEvent(HistoryEventType.EventSent) { Name = eventName, InstanceId = instanceId, Payload = _converter.Serialize(payload) });

    public void SetCustomStatus(object? customStatus)
    {
        CustomStatus = customStatus;
        CustomStatusSet = true;
    }

    public void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true)
    {
        ContinuedAsNew = true;
        ContinueAsNewInput = newInput;
        PreserveUnprocessedEvents = preserveUnprocessedEvents;
    }

    public Guid NewGuid()
    {
        // A name-based (version 5) UUID over instance id, episode time and a counter: the same on every replay.
        var name = Encoding.UTF8.GetBytes($"{InstanceId}_{CurrentUtcDateTime:o}_{_guidCounter++}");
        var bytes = GuidNamespace.ToByteArray(bigEndian: true).Concat(name).ToArray();
#pragma warning disable CA5350 // RFC 9562 defines version-5 UUIDs over SHA-1; this is an identifier, not a security use.
        var hash = SHA1.HashData(bytes);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    public ILogger CreateReplaySafeLogger(string categoryName) => new ReplaySafeLogger(this, _loggerFactory.CreateLogger(categoryName));

    public Task SignalEntityAsync(EntityInstanceId id, string operationName, object? input = null)
    {
        Issue(new HistoryEvent(HistoryEventType.EntityOperationSignaled) { Name = operationName, InstanceId = id.ToString(), Payload = _converter.Serialize(input) });
        return Task.CompletedTask;
    }

    public async Task<TResult> CallEntityAsync<TResult>(EntityInstanceId id, string operationName, object? input = null)
    {
        var raw = await Schedule(new HistoryEvent(HistoryEventType.EntityOperationCalled) { Name = operationName, InstanceId = id.ToString(), Payload = _converter.Serialize(input) });
        return Read<TResult>(raw);
    }

    /// <summary>Applies one history event: matches a command or resolves the task it completes.</summary>
    public void Apply(HistoryEvent e)
    {
        switch (e.Type)
        {
            case HistoryEventType.OrchestratorStarted:
                CurrentUtcDateTime = e.Timestamp;
                break;
            case HistoryEventType.TaskScheduled or HistoryEventType.TimerCreated or HistoryEventType.SubOrchestrationInstanceCreated
                or HistoryEventType.EventSent or HistoryEventType.EntityOperationSignaled or HistoryEventType.EntityOperationCalled:
                Match(e);
                break;
            case HistoryEventType.TaskCompleted or HistoryEventType.TimerFired or HistoryEventType.SubOrchestrationInstanceCompleted
                or HistoryEventType.EntityOperationCompleted:
                if (_open.Remove(e.TaskScheduledId, out var done))
                {
                    done.Source.TrySetResult(e.Payload);
                }

                break;
            case HistoryEventType.TaskFailed or HistoryEventType.SubOrchestrationInstanceFailed or HistoryEventType.EntityOperationFailed:
                if (_open.Remove(e.TaskScheduledId, out var failed))
                {
                    failed.Source.TrySetException(new TaskFailedException(failed.Name, e.TaskScheduledId, e.Failure!));
                }

                break;
            case HistoryEventType.EventRaised:
                Deliver(e.Name!, e.Payload);
                break;
        }
    }

    private void Deliver(string name, string? payload)
    {
        if (_waiters.TryGetValue(name, out var waiters) && waiters.First is { } first)
        {
            waiters.RemoveFirst();
            first.Value.TrySetResult(payload);
            return;
        }

        if (!_buffered.TryGetValue(name, out var queue))
        {
            _buffered[name] = queue = new Queue<string?>();
        }

        queue.Enqueue(payload);
    }

    private void Match(HistoryEvent recorded)
    {
        if (NonDeterminism is not null)
        {
            return;
        }

        if (!_unmatched.Remove(recorded.EventId, out var issued))
        {
            NonDeterminism = new NonDeterministicWorkflowException(
                $"Non-deterministic workflow '{Name}' (instance '{InstanceId}'): at sequence #{recorded.EventId} the history has {recorded.Describe()}, " +
                $"but on replay the workflow issued no command with that id (it issued {_issued.Count} commands).");
            return;
        }

        if (issued.Type != recorded.Type || !string.Equals(issued.Name, recorded.Name, StringComparison.Ordinal)
            || !string.Equals(issued.InstanceId, recorded.InstanceId, StringComparison.Ordinal))
        {
            NonDeterminism = new NonDeterministicWorkflowException(
                $"Non-deterministic workflow '{Name}' (instance '{InstanceId}'): at sequence #{recorded.EventId} the history has {recorded.Describe()}, " +
                $"but on replay the workflow issued {issued.Describe()}.");
        }
    }

    private void Issue(HistoryEvent command)
    {
        var stamped = command with { EventId = _sequence++, Timestamp = CurrentUtcDateTime };
        _unmatched[stamped.EventId] = stamped;
        _issued.Add(stamped);
    }

    private Task<string?> Schedule(HistoryEvent command)
    {
        Issue(command);
        var source = new TaskCompletionSource<string?>();
        _open[_sequence - 1] = (command.Name ?? command.Type.ToString(), source);
        return source.Task;
    }

    private async Task<string?> WithRetryAsync(RetryPolicy? policy, Func<Task<string?>> attempt)
    {
        if (policy is null)
        {
            return await attempt();
        }

        var firstAttempt = CurrentUtcDateTime;
        for (var failures = 1; ; failures++)
        {
            try
            {
                return await attempt();
            }
            catch (TaskFailedException failure) when (ShouldRetry(policy, failure, failures, firstAttempt, out var delay))
            {
                await CreateTimer(CurrentUtcDateTime + delay, CancellationToken.None);
            }
        }
    }

    private bool ShouldRetry(RetryPolicy policy, TaskFailedException failure, int failures, DateTime firstAttempt, out TimeSpan delay)
    {
        delay = TimeSpan.Zero;
        if (failures >= policy.MaxNumberOfAttempts || (policy.HandleFailure is { } handle && !handle(failure.FailureDetails)))
        {
            return false;
        }

        delay = policy.DelayAfter(failures);
        return policy.RetryTimeout == Timeout.InfiniteTimeSpan || CurrentUtcDateTime + delay - firstAttempt <= policy.RetryTimeout;
    }

    private async Task<T> ReadAsync<T>(Task<string?> raw) => Read<T>(await raw);

    private T Read<T>(string? raw) => raw is null ? default! : (T)_converter.Deserialize(raw, typeof(T))!;
}
