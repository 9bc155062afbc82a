using Pipeline.Domain.Media;

namespace Pipeline.Standalone.Tests.Fakes;

/// <summary>
/// Holds every music generation until <see cref="Open"/> is called, so a job stays running while a test acts on it;
/// <see cref="Entered"/> completes when the first generation is waiting.
/// </summary>
public sealed class MusicGate
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Entered => _entered.Task;

    public void Open() => _open.TrySetResult();

    public IMusicGenerator Wrap(IMusicGenerator inner) => new Gated(inner, this);

    private sealed class Gated(IMusicGenerator inner, MusicGate gate) : IMusicGenerator
    {
        public async Task<GeneratedMedia> ComposeAsync(string prompt, TimeSpan duration, CancellationToken cancellationToken = default)
        {
            gate._entered.TrySetResult();
            await gate._open.Task.WaitAsync(cancellationToken);
            return await inner.ComposeAsync(prompt, duration, cancellationToken);
        }
    }
}
