using Pipeline.Domain.Assets;
using Pipeline.Domain.Media;
using Pipeline.Infrastructure.Media;
using SkiaSharp;

namespace Pipeline.Infrastructure.Tests.Media;

public sealed class SkiaImageGeneratorTests
{
    private const string Prompt = "watercolor painting of chlorophyll absorbing light with carbon dioxide, overhead view, muted pastels";
    private readonly SkiaImageGenerator _generator = new();

    [Fact]
    public async Task GenerateImageAsync_Prompt_PngOfRequestedSize()
    {
        var media = await _generator.GenerateImageAsync(Prompt, 320, 180);
        Assert.Equal("image/png", media.ContentType);
        Assert.Equal("png", media.Extension);

        var png = await MediaFiles.ReadAllAsync(media);

        Assert.Equal((320, 180), MediaFiles.PngSize(png));
        using var decoded = SKBitmap.Decode(png);
        Assert.Equal(320, decoded.Width);
    }

    [Fact]
    public async Task GenerateImageAsync_SamePrompt_IdenticalBytes_DifferentPrompt_DifferentBytes()
    {
        var a = MediaFiles.Sha256(await MediaFiles.ReadAllAsync(await _generator.GenerateImageAsync(Prompt, 320, 180)));
        var again = MediaFiles.Sha256(await MediaFiles.ReadAllAsync(await new SkiaImageGenerator().GenerateImageAsync(Prompt, 320, 180)));
        var other = MediaFiles.Sha256(await MediaFiles.ReadAllAsync(await _generator.GenerateImageAsync(Prompt + " at dusk", 320, 180)));

        Assert.Equal(a, again);
        Assert.NotEqual(a, other);
    }

    [Fact]
    public void CaptionTypeface_FontconfigInstalled_IsDejaVuSans()
    {
        Assert.Equal("DejaVu Sans", SkiaImageGenerator.CaptionTypeface.FamilyName);
    }

    [Fact]
    public async Task GenerateImageAsync_Prompt_DrawsTextPixelsInTheCaptionArea()
    {
        var png = await MediaFiles.ReadAllAsync(await _generator.GenerateImageAsync(Prompt, 320, 180));
        using var withText = SKBitmap.Decode(png);
        using var withoutText = SkiaImageGenerator.Render(Prompt, 320, 180, drawText: false);
        var area = SkiaImageGenerator.CaptionArea(320, 180);

        int changed = 0, bright = 0;
        for (var y = area.Top; y < area.Bottom; y++)
        {
            for (var x = area.Left; x < area.Right; x++)
            {
                var a = withText.GetPixel(x, y);
                var b = withoutText.GetPixel(x, y);
                if (Math.Abs(a.Red - b.Red) + Math.Abs(a.Green - b.Green) + Math.Abs(a.Blue - b.Blue) > 60)
                {
                    changed++;
                }

                bright += a.Red > 200 && a.Green > 200 && a.Blue > 200 ? 1 : 0;
            }
        }

        // Wrapped white text covers a real share of the band, not a stray pixel or two.
        var pixels = area.Width * area.Height;
        Assert.InRange(changed, pixels / 20, pixels / 2);
        Assert.True(bright > pixels / 40, $"only {bright} white pixels of {pixels}");
    }

    [Theory]
    [InlineData("", 320, 180)]
    [InlineData("a prompt", 8, 180)]
    [InlineData("a prompt", 320, 5000)]
    public async Task GenerateImageAsync_InvalidRequest_ThrowsPermanent(string prompt, int width, int height)
    {
        var error = await Assert.ThrowsAsync<GenerationException>(() => _generator.GenerateImageAsync(prompt, width, height));

        Assert.Equal(FailureKind.Permanent, error.Kind);
    }
}
