namespace Pipeline.Domain.Podcast.Diarization;

/// <summary>Merges diarized segments, speaker names and (optionally) a timed transcript; a pure function, linear in the segment count.</summary>
public static class TranscriptAlignment
{
    public static EnrichedTranscript Enrich(DiarizationResult diarization, IReadOnlyList<SpeakerMatch> matches, EpisodeTranscript? transcript)
    {
        ArgumentNullException.ThrowIfNull(diarization);
        ArgumentNullException.ThrowIfNull(matches);
        var byLabel = matches.ToDictionary(m => m.Label, StringComparer.Ordinal);
        if (transcript is null)
        {
            return new EnrichedTranscript
            {
                Duration = diarization.Duration,
                Aligned = false,
                Speakers = matches,
                Segments = diarization.Segments.Select(s => Segment(s.Start, s.End, s.Speaker, byLabel)).ToList(),
            };
        }

        // Both lists are in time order: sweep them together.
        var segments = diarization.Segments;
        var first = 0;
        var lines = new List<EnrichedSegment>(transcript.Segments.Count);
        foreach (var line in transcript.Segments)
        {
            while (first < segments.Count && segments[first].End <= line.Start)
            {
                first++;
            }

            var overlap = new Dictionary<string, double>(StringComparer.Ordinal);
            for (var i = first; i < segments.Count && segments[i].Start < line.End; i++)
            {
                var shared = Math.Min(segments[i].End, line.End) - Math.Max(segments[i].Start, line.Start);
                if (shared > 0)
                {
                    overlap[segments[i].Speaker] = overlap.GetValueOrDefault(segments[i].Speaker) + shared;
                }
            }

            var label = overlap.Count == 0 ? string.Empty : overlap.OrderByDescending(o => o.Value).ThenBy(o => o.Key, StringComparer.Ordinal).First().Key;
            lines.Add(Segment(line.Start, line.End, label, byLabel) with { TranscriptIndex = line.Index, Text = line.Text, TranscriptSpeaker = line.Speaker });
        }

        return new EnrichedTranscript { Duration = Math.Max(diarization.Duration, transcript.Duration), Aligned = true, Speakers = matches, Segments = lines };
    }

    private static EnrichedSegment Segment(double start, double end, string label, Dictionary<string, SpeakerMatch> byLabel)
    {
        var match = byLabel.GetValueOrDefault(label);
        return new EnrichedSegment { Start = start, End = end, Label = label, Speaker = match?.Name, Confidence = match?.Confidence ?? 0 };
    }
}
