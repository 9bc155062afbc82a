namespace Pipeline.Worker.Tests.Samples;

/// <summary>A scoped service with an identity that reports its disposal.</summary>
public sealed class ScopedProbe(ProbeLedger ledger) : IDisposable
{
    public Guid Id { get; } = Guid.NewGuid();

    public void Dispose() => ledger.Disposed.Add(Id);
}
