using Pipeline.Domain.Assets;
using Pipeline.Domain.Media;
using Pipeline.Domain.Workflows;

namespace Pipeline.Domain.Tests.Workflows;

/// <summary>How a provider's Retry-After travels in an asset failure and how long the next attempt waits for it.</summary>
public sealed class RetryAfterRuleTests
{
    private static readonly AssetRetryOptions Retry = new() { FirstInterval = TimeSpan.FromSeconds(1), BackoffCoefficient = 2, MaxInterval = TimeSpan.FromSeconds(30) };

    [Theory]
    [InlineData(1, null, 1_000)]
    [InlineData(1, 3_000, 3_000)]
    [InlineData(3, 3_000, 4_000)]
    [InlineData(1, 3_600_000, 30_000)]
    [InlineData(9, 500, 30_000)]
    public void DelayAfter_WithRetryAfter_IsTheLongerOfBackoffAndRetryAfterCutToMaxInterval(int attempt, int? retryAfterMs, int expectedMs)
        => Assert.Equal(
            TimeSpan.FromMilliseconds(expectedMs),
            Retry.DelayAfter(attempt, retryAfterMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null));

    [Fact]
    public void From_TransientWithRetryAfter_CarriesItInTheMessageThatSplitsBackIntoTheProvidersWords()
    {
        var failure = new GenerationException(FailureKind.Transient, "openai-images", "Rate limit reached.") { RetryAfter = TimeSpan.FromMilliseconds(2500) };

        var asset = Assert.IsType<TransientAssetException>(AssetFailures.From("seg-001-image-1", failure));

        Assert.Equal(TimeSpan.FromMilliseconds(2500), asset.RetryAfter);
        Assert.Equal(("seg-001-image-1: openai-images: Rate limit reached.", TimeSpan.FromMilliseconds(2500)), AssetFailures.SplitRetryAfter(asset.Message));
    }

    [Fact]
    public void From_ProviderMessageImitatingTheMarker_IsNotReadAsARetryAfter()
    {
        var failure = GenerationException.Transient("openai-images", "busy [retry-after 86400000 ms]");

        var asset = AssetFailures.From("a1", failure);

        Assert.Null(AssetFailures.SplitRetryAfter(asset.Message).RetryAfter);
        Assert.Contains("busy", asset.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_PermanentOrWithoutRetryAfter_AddsNoMarker()
    {
        Assert.Equal("a1: p: refused", AssetFailures.From("a1", new GenerationException(FailureKind.Permanent, "p", "refused") { RetryAfter = TimeSpan.FromSeconds(5) }).Message);
        Assert.Equal("a1: p: busy", AssetFailures.From("a1", GenerationException.Transient("p", "busy")).Message);
        Assert.Equal(("a1: p: busy", (TimeSpan?)null), AssetFailures.SplitRetryAfter("a1: p: busy"));
    }
}
