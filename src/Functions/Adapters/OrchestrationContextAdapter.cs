using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Pipeline.Domain.Durable;
using DomainTaskOptions = Pipeline.Domain.Durable.TaskOptions;

namespace Pipeline.Functions.Adapters;

/// <summary>
/// Domain's <see cref="IOrchestrationContext"/> over the Durable Task SDK's <see cref="TaskOrchestrationContext"/>:
/// member for member, one expression each. Task failures come back as Domain's <see cref="Domain.Durable.TaskFailedException"/>.
/// </summary>
public sealed class OrchestrationContextAdapter(TaskOrchestrationContext context) : IOrchestrationContext
{
    public string Name => context.Name.Name;

    public string InstanceId => context.InstanceId;

    public DateTime CurrentUtcDateTime => context.CurrentUtcDateTime;

    public bool IsReplaying => context.IsReplaying;

    public IOrchestrationEntities Entities => new OrchestrationEntitiesAdapter(context.Entities);

    public Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, DomainTaskOptions? options = null)
        => DurableTaskMapping.Translate(context.CallActivityAsync<TResult>(name, input, options.ToDurableTask()));

    public Task CallActivityAsync(string name, object? input = null, DomainTaskOptions? options = null)
        => DurableTaskMapping.Translate(context.CallActivityAsync(name, input, options.ToDurableTask()));

    public Task<TResult> CallSubOrchestratorAsync<TResult>(string orchestratorName, object? input = null, DomainTaskOptions? options = null)
        => DurableTaskMapping.Translate(context.CallSubOrchestratorAsync<TResult>(orchestratorName, input, options.ToDurableTask()));

    public Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken) => context.CreateTimer(fireAt, cancellationToken);

    public Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) => context.CreateTimer(delay, cancellationToken);

    public Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
        => context.WaitForExternalEvent<T>(eventName, cancellationToken);

    public Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout) => context.WaitForExternalEvent<T>(eventName, timeout);

    public void SendEvent(string instanceId, string eventName, object? payload) => context.SendEvent(instanceId, eventName, payload!);

    public void SetCustomStatus(object? customStatus) => context.SetCustomStatus(customStatus);

    public void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) => context.ContinueAsNew(newInput, preserveUnprocessedEvents);

    public Guid NewGuid() => context.NewGuid();

    public ILogger CreateReplaySafeLogger(string categoryName) => context.CreateReplaySafeLogger(categoryName);
}
