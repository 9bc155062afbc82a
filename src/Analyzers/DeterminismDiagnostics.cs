using Microsoft.CodeAnalysis;

namespace Pipeline.Analyzers;

/// <summary>
/// The rules of the workflow determinism analyzer: their ids and descriptors. They complement the Durable Task SDK's
/// analyzers (DURABLE0001–0011) and report nothing those already report.
/// </summary>
public static class DeterminismDiagnostics
{
    public const string Category = "Determinism";

    public const string NonDeterministicApiId = "PIPE0001";

    public const string IoId = "PIPE0002";

    public const string StaticMutableStateId = "PIPE0003";

    /// <summary>{0}: the API; {1}: what to use instead.</summary>
    public static readonly DiagnosticDescriptor NonDeterministicApi = new(
        NonDeterministicApiId,
        title: "Non-deterministic API in workflow code",
        messageFormat: "'{0}' is not deterministic in workflow code: use {1} instead",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Workflow code is replayed from the start on every episode and must issue the same commands each time. "
            + "Stopwatch, TimeProvider.System, Environment.TickCount, Guid.CreateVersion7, Random, RandomNumberGenerator, threads, "
            + "the thread pool, Parallel, timers and ConfigureAwait(false) differ between replays, and so do the clock, Guid.NewGuid, "
            + "Task.Delay/Run, Thread.Sleep and environment variables in the code the SDK's rules do not inspect (initializers, "
            + "constructors, property bodies, method groups); use the orchestration context (CurrentUtcDateTime, NewGuid, CreateTimer) or an activity.");

    /// <summary>{0}: the API.</summary>
    public static readonly DiagnosticDescriptor Io = new(
        IoId,
        title: "I/O in workflow code",
        messageFormat: "'{0}' performs I/O in workflow code: move I/O into an activity",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Workflow code is replayed, so I/O would run again on every episode and may see different results. "
            + "Network, file-system, storage and database calls belong in activities, whose results are recorded in the history. "
            + "The SDK's DURABLE0005 knows HttpClient and a few Azure clients; this rule covers files, sockets, DNS, other storage and database SDKs.");

    /// <summary>{0}: the field; {1}: "reads" or "writes".</summary>
    public static readonly DiagnosticDescriptor StaticMutableState = new(
        StaticMutableStateId,
        title: "Static mutable state in workflow code",
        messageFormat: "Workflow code {1} the static mutable field '{0}': keep state in locals, the workflow input or an activity result",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A static field outlives a replay and is shared by every instance in the process, "
            + "so a replay can read a value that the recorded execution never saw.");
}
