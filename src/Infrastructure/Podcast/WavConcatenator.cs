using Pipeline.Domain.Media;
using Pipeline.Domain.Podcast;
using Pipeline.Infrastructure.Media;

namespace Pipeline.Infrastructure.Podcast;

/// <summary>
/// Joins 16-bit PCM WAV parts sample for sample: one header, then each part's data copied in order (one part open at a
/// time, streamed in blocks), then the RIFF and data sizes patched. Every part must share the first part's rate and
/// channel count. Each part's duration is its exact frame count over the rate, so the transcript's times are exact.
/// </summary>
public sealed class WavConcatenator : IAudioConcatenator
{
    public const string ProviderName = "wav-concat";

    public async Task<ConcatenatedAudio> ConcatenateAsync(IReadOnlyList<AudioPart> parts, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(output);
        if (parts.Count == 0)
        {
            throw GenerationException.Permanent(ProviderName, "There are no parts to join.");
        }

        if (!output.CanSeek)
        {
            throw new ArgumentException("The output must be seekable so the header can be patched.", nameof(output));
        }

        var start = output.Position;
        await output.WriteAsync(new byte[PcmWavWriter.HeaderBytes], cancellationToken);
        WavFormat? layout = null;
        var durations = new List<TimeSpan>(parts.Count);
        var buffer = new byte[64 * 1024];
        long dataBytes = 0;
        foreach (var part in parts)
        {
            await using var input = await part.OpenAsync(cancellationToken);
            var format = await WavStreamReader.ReadHeaderAsync(input, cancellationToken)
                ?? throw GenerationException.Permanent(ProviderName, $"Part '{part.Name}' is not a 16-bit PCM WAV file.");
            layout ??= format;
            if (!format.SameLayout(layout))
            {
                throw GenerationException.Permanent(ProviderName, $"Part '{part.Name}' is {format}; the episode is {layout}.");
            }

            var copied = await CopyDataAsync(input, output, format, buffer, cancellationToken);
            durations.Add(TimeSpan.FromSeconds((double)(copied / format.BlockAlign) / format.SampleRate));
            dataBytes += copied;
        }

        if (36 + dataBytes > uint.MaxValue)
        {
            throw GenerationException.Permanent(ProviderName, $"The episode would hold {dataBytes} bytes of samples; a WAV file holds at most {uint.MaxValue - 36}.");
        }

        var header = new byte[PcmWavWriter.HeaderBytes];
        PcmWavWriter.WriteHeader(header, layout!.SampleRate, layout.Channels, dataBytes);
        output.Position = start;
        await output.WriteAsync(header, cancellationToken);
        await output.FlushAsync(cancellationToken);
        output.Position = start + PcmWavWriter.HeaderBytes + dataBytes;
        return new ConcatenatedAudio
        {
            PartDurations = durations,
            Duration = TimeSpan.FromSeconds((double)(dataBytes / layout.BlockAlign) / layout.SampleRate),
            ContentType = "audio/wav",
            Extension = "wav",
        };
    }

    /// <summary>Copies whole sample frames: a trailing partial frame (a truncated file) is dropped so channels stay aligned.</summary>
    private static async Task<long> CopyDataAsync(Stream input, Stream output, WavFormat format, byte[] buffer, CancellationToken cancellationToken)
    {
        var remaining = format.DataBytes ?? long.MaxValue;
        long copied = 0;
        var pending = 0;
        while (remaining > 0)
        {
            var read = await input.ReadAsync(buffer.AsMemory(pending, (int)Math.Min(buffer.Length - pending, remaining)), cancellationToken);
            if (read == 0)
            {
                break;
            }

            remaining -= read;
            var available = pending + read;
            var whole = available - (available % format.BlockAlign);
            await output.WriteAsync(buffer.AsMemory(0, whole), cancellationToken);
            copied += whole;
            pending = available - whole;
            if (pending > 0)
            {
                buffer.AsSpan(whole, pending).CopyTo(buffer);
            }
        }

        return copied;
    }
}
