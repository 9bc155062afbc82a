using Pipeline.Domain.Durable;

namespace Pipeline.Runtime.Testing;

/// <summary>What replaying a recorded history produced: the commands recorded, the commands issued, and any failure.</summary>
public sealed record ReplayResult(IReadOnlyList<string> RecordedCommands, IReadOnlyList<string> ReplayedCommands, TaskFailureDetails? Failure)
{
    /// <summary>True when replay issued exactly the recorded commands and did not diverge.</summary>
    public bool IsDeterministic => Failure is null && RecordedCommands.SequenceEqual(ReplayedCommands);
}
