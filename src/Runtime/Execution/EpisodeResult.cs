using Pipeline.Domain.Durable;
using Pipeline.Runtime.History;

namespace Pipeline.Runtime.Execution;

/// <summary>What one episode produced: history to append, commands to send, and how the execution ended, if it did.</summary>
internal sealed record EpisodeResult
{
    public required List<HistoryEvent> NewHistory { get; init; }

    public required IReadOnlyList<HistoryEvent> NewCommands { get; init; }

    public required IReadOnlyList<HistoryEvent> IssuedCommands { get; init; }

    public required int EventsReplayed { get; init; }

    /// <summary>Null while the workflow still waits for something.</summary>
    public OrchestrationRuntimeStatus? Completion { get; init; }

    public string? Output { get; init; }

    public TaskFailureDetails? Failure { get; init; }

    public bool ContinuedAsNew { get; init; }

    public string? ContinueAsNewInput { get; init; }

    public IReadOnlyList<(string Name, string? Payload)> CarriedEvents { get; init; } = [];

    public bool CustomStatusSet { get; init; }

    public string? CustomStatus { get; init; }
}
