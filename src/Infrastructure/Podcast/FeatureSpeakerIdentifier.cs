using Pipeline.Domain.Podcast.Diarization;

namespace Pipeline.Infrastructure.Podcast;

/// <summary>
/// Names speaker clusters by their nearest registry voice: the distance is measured in log F0 (a unit is 8 %) and log
/// spectral centroid (a unit is 15 %), the confidence is exp(−d²/8) (1 for identical features, 0.61 one unit away,
/// 0.14 two units away). Pairs are taken closest first, each name and each cluster once; a cluster whose best
/// remaining match is below <see cref="MinConfidence"/> stays unnamed.
/// </summary>
public sealed class FeatureSpeakerIdentifier : ISpeakerIdentifier
{
    public const double MinConfidence = 0.2;

    public Task<IReadOnlyList<SpeakerMatch>> IdentifyAsync(
        IReadOnlyList<SpeakerCluster> speakers,
        IReadOnlyDictionary<string, VoiceFeatures> registry,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(speakers);
        ArgumentNullException.ThrowIfNull(registry);
        var pairs = speakers
            .SelectMany(s => registry.Select(r => (Label: s.Label, Name: r.Key, Confidence: Confidence(s.Features, r.Value))))
            .OrderByDescending(p => p.Confidence)
            .ThenBy(p => p.Label, StringComparer.Ordinal)
            .ThenBy(p => p.Name, StringComparer.Ordinal);
        var named = new Dictionary<string, (string Name, double Confidence)>(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (label, name, confidence) in pairs)
        {
            if (confidence >= MinConfidence && !named.ContainsKey(label) && taken.Add(name))
            {
                named[label] = (name, confidence);
            }
        }

        IReadOnlyList<SpeakerMatch> matches = speakers
            .Select(s => named.TryGetValue(s.Label, out var match)
                ? new SpeakerMatch(s.Label, match.Name, Math.Round(match.Confidence, 3))
                : new SpeakerMatch(s.Label, null, 0))
            .ToList();
        return Task.FromResult(matches);
    }

    /// <summary>exp(−d²/8) of the scaled distance between two voices.</summary>
    public static double Confidence(VoiceFeatures a, VoiceFeatures b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.PitchHz <= 0 || b.PitchHz <= 0 || a.SpectralCentroidHz <= 0 || b.SpectralCentroidHz <= 0)
        {
            return 0;
        }

        var pitch = Math.Log(a.PitchHz / b.PitchHz) / EnergyPitchDiarizer.PitchScale;
        var centroid = Math.Log(a.SpectralCentroidHz / b.SpectralCentroidHz) / EnergyPitchDiarizer.CentroidScale;
        return Math.Exp(-((pitch * pitch) + (centroid * centroid)) / 8);
    }
}
