using Pipeline.Domain.Podcast.Diarization;
using Pipeline.Infrastructure.Podcast;

namespace Pipeline.Infrastructure.Tests.Podcast;

public sealed class FeatureSpeakerIdentifierTests
{
    private static readonly Dictionary<string, VoiceFeatures> Registry = new()
    {
        ["Low"] = Voice(90, 1800),
        ["High"] = Voice(180, 2300),
    };

    [Fact]
    public async Task IdentifyAsync_ClustersNearRegistryVoices_GetThoseNamesOnceEach()
    {
        var matches = await new FeatureSpeakerIdentifier().IdentifyAsync([Cluster("S1", 178, 2250), Cluster("S2", 93, 1850), Cluster("S3", 95, 1820)], Registry);

        Assert.Equal(("S1", "High"), (matches[0].Label, matches[0].Name));
        Assert.Equal(("S2", "Low"), (matches[1].Label, matches[1].Name));
        Assert.Null(matches[2].Name);
        Assert.True(matches[0].Confidence > 0.8);
    }

    [Fact]
    public async Task IdentifyAsync_ClusterFarFromEveryone_StaysUnnamed()
    {
        var matches = await new FeatureSpeakerIdentifier().IdentifyAsync([Cluster("S1", 400, 4000)], Registry);

        Assert.Null(Assert.Single(matches).Name);
    }

    private static VoiceFeatures Voice(double pitch, double centroid) => new() { PitchHz = pitch, SpectralCentroidHz = centroid };

    private static SpeakerCluster Cluster(string label, double pitch, double centroid) => new() { Label = label, Features = Voice(pitch, centroid), SpeechSeconds = 10 };
}
