using Pipeline.Domain.Assets;
using Pipeline.Domain.Media;
using Pipeline.Infrastructure.Media;

namespace Pipeline.Infrastructure.Tests.Media;

public sealed class LocalPromptWriterTests
{
    private const string Segment =
        "Photosynthesis turns sunlight into chemical energy. Chlorophyll in the leaf absorbs red and blue light, "
        + "and the chloroplast uses that energy to split water and fix carbon dioxide into sugar.";

    private readonly LocalPromptWriter _writer = new();

    [Fact]
    public async Task WriteImagePromptsAsync_SameText_SamePromptsEveryTime()
    {
        var first = await _writer.WriteImagePromptsAsync(Segment, 4);
        var second = await new LocalPromptWriter().WriteImagePromptsAsync(Segment, 4);

        Assert.Equal(4, first.Count);
        Assert.Equal(first, second);
        Assert.Equal(4, first.Distinct().Count());
    }

    [Fact]
    public async Task WriteImagePromptsAsync_SegmentText_PromptsLeadWithItsKeyPhrases()
    {
        var prompts = await _writer.WriteImagePromptsAsync(Segment, 3);
        var phrases = LocalPromptWriter.KeyPhrases(Segment);

        for (var i = 0; i < prompts.Count; i++)
        {
            Assert.Contains($" of {phrases[i]}", prompts[i], StringComparison.Ordinal);
        }

        Assert.All(prompts, p => Assert.DoesNotContain(" the ", p, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WriteImagePromptsAsync_DifferentText_DifferentPrompts()
    {
        var a = await _writer.WriteImagePromptsAsync(Segment, 2);
        var b = await _writer.WriteImagePromptsAsync("Plate tectonics moves continents a few centimetres every year.", 2);

        Assert.NotEqual(a, b);
    }

    [Fact]
    public async Task WriteImagePromptsAsync_NoWords_ThrowsPermanent()
    {
        var error = await Assert.ThrowsAsync<GenerationException>(() => _writer.WriteImagePromptsAsync(" ... !! ", 2));

        Assert.Equal(FailureKind.Permanent, error.Kind);
        Assert.Equal(LocalPromptWriter.ProviderName, error.Provider);
    }
}
