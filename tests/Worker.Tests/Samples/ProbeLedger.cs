using System.Collections.Concurrent;

namespace Pipeline.Worker.Tests.Samples;

/// <summary>Records which <see cref="ScopedProbe"/> instances were disposed.</summary>
public sealed class ProbeLedger
{
    public ConcurrentBag<Guid> Disposed { get; } = [];
}
