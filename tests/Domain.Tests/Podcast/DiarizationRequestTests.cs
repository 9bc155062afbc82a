using Pipeline.Domain.Podcast.Diarization;

namespace Pipeline.Domain.Tests.Podcast;

public sealed class DiarizationRequestTests
{
    [Theory]
    [InlineData("jobs/episode-1/assembly/episode.wav")]
    [InlineData("uploads/interview.wav")]
    public void Validate_AudioOfAJobOrAnUpload_IsAccepted(string audio)
    {
        Assert.True(new DiarizationRequest { Audio = audio }.Validate().IsEmpty);
    }

    [Theory]
    [InlineData("payloads/abc")]
    [InlineData("jobs/NOT_AN_ID/x.wav")]
    [InlineData("../etc/passwd")]
    public void Validate_AudioElsewhere_IsRejected(string audio)
    {
        Assert.Contains("audio", new DiarizationRequest { Audio = audio }.Validate().ToDictionary().Keys);
    }

    [Fact]
    public void Validate_RegistryFeaturesOutOfRange_KeysByNameAndField()
    {
        var request = new DiarizationRequest
        {
            Audio = "uploads/a.wav",
            Speakers = 0,
            SpeakerRegistry = new Dictionary<string, VoiceFeatures> { ["Ada"] = new() { PitchHz = 5, SpectralCentroidHz = 1500 } },
        };

        var errors = request.Validate().ToDictionary();

        Assert.Equal(["speakerRegistry.Ada.pitchHz", "speakers"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void UploadKey_Name_IsUnderUploads()
    {
        Assert.Equal("uploads/show.wav", DiarizationRequest.UploadKey("show.wav"));
        Assert.Throws<ArgumentException>(() => DiarizationRequest.UploadKey("../x"));
    }
}
