using Microsoft.DurableTask;

namespace Pipeline.Worker.Tests.Samples;

/// <summary>Returns the identity of the scoped probe it was given, and of the one its scope resolves again.</summary>
public sealed class ScopeProbeActivity(ScopedProbe probe, IServiceProvider scope) : TaskActivity<int, Guid[]>
{
    public override Task<Guid[]> RunAsync(TaskActivityContext context, int input)
        => Task.FromResult(new[] { probe.Id, ((ScopedProbe)scope.GetService(typeof(ScopedProbe))!).Id });
}
