namespace Pipeline.Domain.Activities;

/// <summary>
/// An activity input that carries its attempt number. A fan-out runs each asset's attempts itself and, from the second
/// attempt on, adds <c>"attempt": n</c> to the input it schedules (the first try's input is left as it is, so it costs
/// nothing); the number therefore comes from the orchestration's history, not from any process's memory.
/// </summary>
public interface IAttemptNumbered
{
    /// <summary>The attempt (2 or more), or null for the first try.</summary>
    int? Attempt { get; }
}
