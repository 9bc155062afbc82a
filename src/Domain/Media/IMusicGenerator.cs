namespace Pipeline.Domain.Media;

/// <summary>Makes background music for a prompt.</summary>
public interface IMusicGenerator
{
    /// <summary>A WAV file lasting exactly <paramref name="duration"/> (to the sample).</summary>
    Task<GeneratedMedia> ComposeAsync(string prompt, TimeSpan duration, CancellationToken cancellationToken = default);
}
