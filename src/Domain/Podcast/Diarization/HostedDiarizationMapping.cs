namespace Pipeline.Domain.Podcast.Diarization;

/// <summary>
/// Maps a hosted provider's segments onto <see cref="DiarizationResult"/>: segments in time order, the provider's
/// speaker labels renamed <c>S1</c>, <c>S2</c>… in order of first speech, each speaker's speech seconds summed. A hosted
/// provider reports no pitch or timbre, so the clusters' <see cref="VoiceFeatures"/> are zero and the duration is the
/// end of the last segment until <see cref="WithVoices"/> gives them what the recording measures.
/// </summary>
public static class HostedDiarizationMapping
{
    public static DiarizationResult ToResult(IReadOnlyList<DiarizedSegment> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var ordered = segments.OrderBy(s => s.Start).ThenBy(s => s.End).ToList();
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var seconds = new Dictionary<string, double>(StringComparer.Ordinal);
        var mapped = new List<DiarizedSegment>(ordered.Count);
        foreach (var segment in ordered)
        {
            if (!labels.TryGetValue(segment.Speaker, out var label))
            {
                label = $"S{labels.Count + 1}";
                labels[segment.Speaker] = label;
            }

            seconds[label] = seconds.GetValueOrDefault(label) + (segment.End - segment.Start);
            mapped.Add(new DiarizedSegment(segment.Start, segment.End, label));
        }

        return new DiarizationResult
        {
            Duration = mapped.Count == 0 ? 0 : mapped.Max(s => s.End),
            Speakers = labels.Values
                .Select(l => new SpeakerCluster { Label = l, Features = new VoiceFeatures { PitchHz = 0, SpectralCentroidHz = 0 }, SpeechSeconds = Math.Round(seconds[l], 3) })
                .ToList(),
            Segments = mapped,
        };
    }

    /// <summary>The result with each cluster's measured voice features and the recording's duration (when longer than the last segment).</summary>
    public static DiarizationResult WithVoices(DiarizationResult result, MeasuredVoices voices)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(voices);
        return result with
        {
            Duration = Math.Max(result.Duration, voices.Duration),
            Speakers = result.Speakers.Select(s => voices.Speakers.TryGetValue(s.Label, out var features) ? s with { Features = features } : s).ToList(),
        };
    }
}
