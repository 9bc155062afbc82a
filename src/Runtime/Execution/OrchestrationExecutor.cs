using Microsoft.Extensions.Logging;
using Pipeline.Domain.Durable;
using Pipeline.Runtime.History;

namespace Pipeline.Runtime.Execution;

/// <summary>
/// Runs one episode: replays the workflow from the start over its history (IsReplaying = true), then applies the new
/// events (IsReplaying = false), all on one thread through <see cref="EpisodeSynchronizationContext"/>.
/// </summary>
internal static class OrchestrationExecutor
{
    /// <param name="newEvents">The batch for this episode; null replays the history only (replay verification).</param>
    public static EpisodeResult Run(
        IWorkflow workflow,
        string name,
        string instanceId,
        IReadOnlyList<HistoryEvent> past,
        IReadOnlyList<HistoryEvent>? newEvents,
        DateTime now,
        IPayloadConverter converter,
        ILoggerFactory loggerFactory)
    {
        var context = new RuntimeOrchestrationContext(name, instanceId, converter, loggerFactory);
        var newHistory = new List<HistoryEvent>();
        Task<object?>? run = null;
        var episode = new EpisodeSynchronizationContext();
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(episode);
        try
        {
            context.IsReplaying = true;
            foreach (var e in past)
            {
                Apply(e);
                if (context.NonDeterminism is not null)
                {
                    break;
                }
            }

            if (newEvents is not null && context.NonDeterminism is null)
            {
                context.IsReplaying = false;
                var started = new HistoryEvent(HistoryEventType.OrchestratorStarted) { Timestamp = now };
                newHistory.Add(started);
                Apply(started);
                foreach (var e in newEvents)
                {
                    newHistory.Add(e);
                    Apply(e);
                }
            }
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        var commands = context.NonDeterminism is null ? context.NewCommands.ToList() : [];
        newHistory.AddRange(commands);
        var result = new EpisodeResult
        {
            NewHistory = newHistory,
            NewCommands = commands,
            IssuedCommands = context.Issued,
            EventsReplayed = past.Count,
            CustomStatusSet = context.CustomStatusSet,
            CustomStatus = context.CustomStatusSet ? converter.Serialize(context.CustomStatus) : null,
        };

        if (context.NonDeterminism is { } nondeterminism)
        {
            return result with { Completion = OrchestrationRuntimeStatus.Failed, Failure = TaskFailureDetails.FromException(nondeterminism) };
        }

        if (run is null || !run.IsCompleted)
        {
            return result;
        }

        if (run.IsCompletedSuccessfully)
        {
            return context.ContinuedAsNew
                ? result with
                {
                    Completion = OrchestrationRuntimeStatus.ContinuedAsNew,
                    ContinuedAsNew = true,
                    ContinueAsNewInput = converter.Serialize(context.ContinueAsNewInput),
                    CarriedEvents = context.PreserveUnprocessedEvents ? context.UnprocessedEvents.ToList() : [],
                }
                : result with { Completion = OrchestrationRuntimeStatus.Completed, Output = converter.Serialize(run.Result) };
        }

        var error = run.Exception?.InnerException ?? new TaskCanceledException("The workflow was cancelled.");
        return result with { Completion = OrchestrationRuntimeStatus.Failed, Failure = TaskFailureDetails.FromException(error) };

        void Apply(HistoryEvent e)
        {
            if (e.Type == HistoryEventType.ExecutionStarted)
            {
                run = Start(workflow, context, converter, e.Payload);
            }
            else
            {
                context.Apply(e);
            }

            episode.Pump();
        }
    }

    private static Task<object?> Start(IWorkflow workflow, IOrchestrationContext context, IPayloadConverter converter, string? input)
    {
        try
        {
            return workflow.RunAsync(context, converter.Deserialize(input, workflow.InputType));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Task.FromException<object?>(e);
        }
    }
}
