using System.Collections.Concurrent;

namespace Pipeline.Worker.Tests.Samples;

/// <summary>Named one-shot signals activities raise and tests await.</summary>
public sealed class TestSignals
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> signals = new();

    public void Raise(string name) => Get(name).TrySetResult();

    public Task WhenRaised(string name) => Get(name).Task.WaitAsync(TimeSpan.FromSeconds(60));

    private TaskCompletionSource Get(string name) => signals.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
