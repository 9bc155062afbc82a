using Pipeline.Domain.Podcast;

namespace Pipeline.Domain.Tests.Podcast;

/// <summary>Appends the parts' bytes; a part lasts 10 ms per byte, as <see cref="FakeSpeechGenerator"/> makes them.</summary>
internal sealed class FakeConcatenator : IAudioConcatenator
{
    public async Task<ConcatenatedAudio> ConcatenateAsync(IReadOnlyList<AudioPart> parts, Stream output, CancellationToken cancellationToken = default)
    {
        var durations = new List<TimeSpan>();
        foreach (var part in parts)
        {
            await using var input = await part.OpenAsync(cancellationToken);
            var before = output.Position;
            await input.CopyToAsync(output, cancellationToken);
            durations.Add(TimeSpan.FromMilliseconds(10 * (output.Position - before)));
        }

        return new ConcatenatedAudio { PartDurations = durations, Duration = durations.Aggregate(TimeSpan.Zero, (a, b) => a + b), ContentType = "audio/wav", Extension = "wav" };
    }
}
