using Pipeline.Domain.Media;
using Pipeline.Domain.Podcast.Diarization;

namespace Pipeline.Infrastructure.Podcast;

/// <summary>
/// Local diarization by signal processing, no model: the WAV is read once, front to back, into 20 ms frames
/// (<see cref="FrameAnalyzer"/>: energy, autocorrelation F0, spectral centroid); energy-based speech detection with an
/// adaptive threshold and a hangover (<see cref="SpeechDetector"/>) finds the speech regions; each region is cut into
/// chunks of about a second; voiced chunks are clustered by log F0 and log spectral centroid
/// (<see cref="SpeakerClustering"/>, k given or chosen); unvoiced chunks take the label of the nearest voiced chunk;
/// a lone chunk inside a region that disagrees with both neighbours takes theirs; consecutive chunks of one speaker
/// closer than half a second become one segment. Works for voices that differ in pitch or timbre (as synthesized
/// voices with distinct pitches do); overlapping speech is given to one speaker.
/// </summary>
public sealed class EnergyPitchDiarizer : IDiarizer, IVoiceMeasurer
{
    public const string ProviderName = "energy-pitch";

    /// <summary>Scales of the clustering space: a unit is 8 % of pitch or 15 % of spectral centroid.</summary>
    public const double PitchScale = 0.08;
    public const double CentroidScale = 0.15;

    private const int ChunkFrames = 50;
    private const int MinVoicedFrames = 5;
    private const double MergeGapSeconds = 0.5;

    public async Task<DiarizationResult> DiarizeAsync(Stream wav, int? speakers, CancellationToken cancellationToken = default)
    {
        var (frames, duration) = await AnalyzeAsync(wav, cancellationToken);
        var (active, speech) = SpeechDetector.Detect(frames);
        var chunks = Chunks(frames, active, speech);
        var voiced = chunks.Where(c => c.Voiced).ToList();
        var labels = SpeakerClustering.Cluster(
            voiced.Select(c => new[] { Math.Log(c.PitchHz) / PitchScale, Math.Log(c.CentroidHz) / CentroidScale }).ToList(),
            voiced.Select(c => (double)(c.End - c.Start)).ToList(),
            speakers);
        for (var i = 0; i < voiced.Count; i++)
        {
            voiced[i].Label = labels[i];
        }

        LabelUnvoiced(chunks);
        Smooth(chunks);
        return Result(frames, active, chunks, duration);
    }

    /// <summary>The voice features of a recording of one speaker (for enrolling a speaker in a registry): median F0 and mean centroid of its active frames.</summary>
    public static async Task<VoiceFeatures> MeasureVoiceAsync(Stream wav, CancellationToken cancellationToken = default)
    {
        var (frames, _) = await AnalyzeAsync(wav, cancellationToken);
        var (active, _) = SpeechDetector.Detect(frames);
        return Features(frames, active, Enumerable.Range(0, frames.Count))
            ?? throw GenerationException.Permanent(ProviderName, "The recording has no voiced speech to measure.");
    }

    /// <summary>Each speaker's features over its segments (median F0 and mean centroid of the active frames inside them): for a hosted diarizer's clusters.</summary>
    public async Task<MeasuredVoices> MeasureAsync(Stream wav, IReadOnlyList<DiarizedSegment> segments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var (frames, duration) = await AnalyzeAsync(wav, cancellationToken);
        var (active, _) = SpeechDetector.Detect(frames);
        var speakers = segments
            .GroupBy(s => s.Speaker, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => Features(frames, active, g.SelectMany(s => FramesWithin(s, frames.Count))) ?? new VoiceFeatures { PitchHz = 0, SpectralCentroidHz = 0 },
                StringComparer.Ordinal);
        return new MeasuredVoices(duration, speakers);
    }

    private static IEnumerable<int> FramesWithin(DiarizedSegment segment, int count)
    {
        var from = Math.Clamp((int)Math.Ceiling(segment.Start / FrameAnalyzer.HopSeconds), 0, count);
        var to = Math.Clamp((int)Math.Floor((segment.End - FrameAnalyzer.WindowSeconds) / FrameAnalyzer.HopSeconds) + 1, from, count);
        return Enumerable.Range(from, to - from);
    }

    private static async Task<(List<FrameFeatures> Frames, double Duration)> AnalyzeAsync(Stream wav, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wav);
        var format = await WavStreamReader.ReadHeaderAsync(wav, cancellationToken)
            ?? throw GenerationException.Permanent(ProviderName, "The audio is not a 16-bit PCM WAV file.");
        if (format.SampleRate < 8000)
        {
            throw GenerationException.Permanent(ProviderName, $"The audio's sample rate is {format.SampleRate} Hz; at least 8,000 Hz is needed.");
        }

        var analyzer = new FrameAnalyzer(format.SampleRate);
        var samples = await WavStreamReader.ReadMonoAsync(wav, format, analyzer.Push, cancellationToken);
        return (analyzer.Frames, (double)samples / format.SampleRate);
    }

    private static List<Chunk> Chunks(List<FrameFeatures> frames, bool[] active, bool[] speech)
    {
        var chunks = new List<Chunk>();
        var region = 0;
        for (var start = 0; start < frames.Count;)
        {
            if (!speech[start])
            {
                start++;
                continue;
            }

            var end = start;
            while (end < frames.Count && speech[end])
            {
                end++;
            }

            var count = Math.Max(1, (int)Math.Round((double)(end - start) / ChunkFrames));
            for (var c = 0; c < count; c++)
            {
                var from = start + ((end - start) * c / count);
                var to = start + ((end - start) * (c + 1) / count);
                var features = Features(frames, active, Enumerable.Range(from, to - from));
                chunks.Add(new Chunk(from, to, region, features?.PitchHz ?? 0, features?.SpectralCentroidHz ?? 0));
            }

            region++;
            start = end;
        }

        return chunks;
    }

    private static VoiceFeatures? Features(List<FrameFeatures> frames, bool[] active, IEnumerable<int> indexes)
    {
        var pitches = new List<float>();
        double centroid = 0;
        var counted = 0;
        foreach (var i in indexes)
        {
            if (!active[i])
            {
                continue;
            }

            if (frames[i].PitchHz > 0)
            {
                pitches.Add(frames[i].PitchHz);
            }

            if (frames[i].CentroidHz > 0)
            {
                centroid += frames[i].CentroidHz;
                counted++;
            }
        }

        if (pitches.Count < MinVoicedFrames || counted == 0)
        {
            return null;
        }

        pitches.Sort();
        return new VoiceFeatures { PitchHz = pitches[pitches.Count / 2], SpectralCentroidHz = centroid / counted };
    }

    private static void LabelUnvoiced(List<Chunk> chunks)
    {
        var voiced = chunks.Where(c => c.Voiced).ToList();
        foreach (var chunk in chunks.Where(c => !c.Voiced))
        {
            // The nearest voiced chunk of the same region, else the nearest in time.
            chunk.Label = voiced.Count == 0
                ? 0
                : voiced.OrderBy(v => v.Region == chunk.Region ? 0 : 1).ThenBy(v => Math.Abs(v.Start - chunk.Start)).First().Label;
        }
    }

    private static void Smooth(List<Chunk> chunks)
    {
        for (var i = 1; i + 1 < chunks.Count; i++)
        {
            var (before, chunk, after) = (chunks[i - 1], chunks[i], chunks[i + 1]);
            if (before.Region == chunk.Region && after.Region == chunk.Region && before.Label == after.Label && chunk.Label != before.Label)
            {
                chunk.Label = before.Label;
            }
        }
    }

    private static DiarizationResult Result(List<FrameFeatures> frames, bool[] active, List<Chunk> chunks, double duration)
    {
        // Speakers are named by first appearance: S1, S2, …
        var order = chunks.Select(c => c.Label).Distinct().ToList();
        string Name(int label) => $"S{order.IndexOf(label) + 1}";

        var segments = new List<DiarizedSegment>();
        foreach (var chunk in chunks)
        {
            var start = Math.Round(chunk.Start * FrameAnalyzer.HopSeconds, 3);
            var end = Math.Round(Math.Min(duration, (chunk.End * FrameAnalyzer.HopSeconds) + (FrameAnalyzer.WindowSeconds - FrameAnalyzer.HopSeconds)), 3);
            var speaker = Name(chunk.Label);
            if (segments.Count > 0 && segments[^1].Speaker == speaker && start - segments[^1].End < MergeGapSeconds)
            {
                segments[^1] = segments[^1] with { End = end };
            }
            else
            {
                segments.Add(new DiarizedSegment(start, end, speaker));
            }
        }

        var speakers = order.Select(label =>
        {
            var mine = chunks.Where(c => c.Label == label).ToList();
            var features = Features(frames, active, mine.SelectMany(c => Enumerable.Range(c.Start, c.End - c.Start)))
                ?? new VoiceFeatures { PitchHz = 0, SpectralCentroidHz = 0 };
            return new SpeakerCluster
            {
                Label = Name(label),
                Features = features with { PitchHz = Math.Round(features.PitchHz, 1), SpectralCentroidHz = Math.Round(features.SpectralCentroidHz, 1) },
                SpeechSeconds = Math.Round(segments.Where(s => s.Speaker == Name(label)).Sum(s => s.End - s.Start), 3),
            };
        }).ToList();
        return new DiarizationResult { Duration = Math.Round(duration, 3), Speakers = speakers, Segments = segments };
    }

    private sealed class Chunk(int start, int end, int region, double pitchHz, double centroidHz)
    {
        public int Start { get; } = start;

        public int End { get; } = end;

        public int Region { get; } = region;

        public double PitchHz { get; } = pitchHz;

        public double CentroidHz { get; } = centroidHz;

        public bool Voiced => PitchHz > 0 && CentroidHz > 0;

        public int Label { get; set; }
    }
}
