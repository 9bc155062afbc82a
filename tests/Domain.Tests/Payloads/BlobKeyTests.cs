using Pipeline.Domain.Payloads;

namespace Pipeline.Domain.Tests.Payloads;

public sealed class BlobKeyTests
{
    private const string Sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    [Fact]
    public void ForAsset_ValidParts_BuildsTheJobScopedKey()
        => Assert.Equal("jobs/job-42/narration/seg_01.wav", BlobKey.ForAsset("job-42", "narration", "seg_01", "wav"));

    [Fact]
    public void ForPayload_Sha256_BuildsTheContentAddressedKey()
        => Assert.Equal($"payloads/{Sha}", BlobKey.ForPayload(Sha));

    [Fact]
    public void PayloadRefKeys_BothIndexes_NameJobAndPayload()
    {
        Assert.Equal($"payload-refs/by-job/job-42/{Sha}", BlobKey.ForPayloadRefByJob("job-42", Sha));
        Assert.Equal($"payload-refs/by-payload/{Sha}/job-42", BlobKey.ForPayloadRefByPayload(Sha, "job-42"));
        Assert.StartsWith(BlobKey.PayloadRefsOfJob("job-42"), BlobKey.ForPayloadRefByJob("job-42", Sha), StringComparison.Ordinal);
        Assert.StartsWith(BlobKey.PayloadRefsOfPayload(Sha), BlobKey.ForPayloadRefByPayload(Sha, "job-42"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Job_1", "narration", "a", "wav", "Job id")]
    [InlineData("job-1", "nar/ration", "a", "wav", "single key segment")]
    [InlineData("job-1", "narration", "..", "wav", "'..'")]
    [InlineData("job-1", "narration", "a b", "wav", "safe set")]
    [InlineData("job-1", "narration", "a", ".wav", "Extension")]
    [InlineData("job-1", "", "a", "wav", "stage is empty")]
    public void ForAsset_InvalidPart_ThrowsNamingIt(string jobId, string stage, string assetId, string extension, string problem)
    {
        var failure = Assert.ThrowsAny<ArgumentException>(() => BlobKey.ForAsset(jobId, stage, assetId, extension));

        Assert.Contains(problem, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ABC")]
    [InlineData("9f86d081")]
    [InlineData("../../etc/passwd")]
    public void ForPayload_NotASha256_Throws(string sha)
        => Assert.ThrowsAny<ArgumentException>(() => BlobKey.ForPayload(sha));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("../x", "'..' segment")]
    [InlineData("a/./b", "'.' segment")]
    [InlineData("/abs", "absolute")]
    [InlineData("a\\b", "backslash")]
    [InlineData("a//b", "empty segment")]
    [InlineData("a/", "empty segment")]
    [InlineData("a/\tb", "control character (U+0009)")]
    [InlineData("a/\u007fb", "control character (U+007F)")]
    [InlineData("a:b", "the character ':'")]
    [InlineData("caf\u00e9", "the character 'é'")]
    public void Validate_InvalidKey_ThrowsNamingTheProblem(string key, string problem)
    {
        var failure = Assert.Throws<ArgumentException>(() => BlobKey.Validate(key));

        Assert.Contains(problem, failure.Message, StringComparison.Ordinal);
        Assert.Equal("key", failure.ParamName);
    }

    [Fact]
    public void Validate_OverLongKeyOrSegment_ThrowsNamingTheMaximum()
    {
        Assert.Contains("maximum is 1024", Assert.Throws<ArgumentException>(() => BlobKey.Validate(string.Join('/', Enumerable.Repeat(new string('a', 200), 6)))).Message, StringComparison.Ordinal);
        Assert.Contains("maximum is 255", Assert.Throws<ArgumentException>(() => BlobKey.Validate("a/" + new string('b', 256))).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("jobs/job-1/images/a.png")]
    [InlineData("A-Z_a.z/0..9")]
    public void Validate_SafeKey_ReturnsIt(string key) => Assert.Equal(key, BlobKey.Validate(key));

    [Theory]
    [InlineData("", true)]
    [InlineData("jobs/", true)]
    [InlineData("jobs/jo", true)]
    [InlineData("jobs//", false)]
    [InlineData("/jobs", false)]
    [InlineData("../", false)]
    public void ValidatePrefix_AcceptsKeyBeginnings(string prefix, bool valid)
    {
        if (valid)
        {
            Assert.Equal(prefix, BlobKey.ValidatePrefix(prefix));
        }
        else
        {
            Assert.Throws<ArgumentException>(() => BlobKey.ValidatePrefix(prefix));
        }
    }
}
