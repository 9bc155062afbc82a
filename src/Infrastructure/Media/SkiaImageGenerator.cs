using Pipeline.Domain.Media;
using SkiaSharp;

namespace Pipeline.Infrastructure.Media;

/// <summary>
/// A local stand-in for an image model: a PNG whose composition (a two-colour gradient and a handful of translucent
/// shapes) comes from the prompt's SHA-256, with the prompt itself wrapped onto a caption band in DejaVu Sans.
/// Deterministic: the same prompt and size give the same bytes.
/// </summary>
public sealed class SkiaImageGenerator : IImageGenerator
{
    public const string ProviderName = "skia";
    public const int MaxSide = 4096;

    private static readonly Lazy<SKTypeface> Typeface = new(() =>
        SKTypeface.FromFamilyName("DejaVu Sans") ?? SKTypeface.Default);

    public Task<GeneratedMedia> GenerateImageAsync(string prompt, int width, int height, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (string.IsNullOrWhiteSpace(prompt))
        {
            throw GenerationException.Permanent(ProviderName, "The image prompt is empty.");
        }

        if (width is < 16 or > MaxSide || height is < 16 or > MaxSide)
        {
            throw GenerationException.Permanent(ProviderName, $"An image of {width}×{height} is outside 16–{MaxSide} pixels a side.");
        }

        using var bitmap = Render(prompt, width, height, drawText: true);
        // The encoded PNG lives in native memory; the stream reads it in place and frees it on dispose.
        var png = bitmap.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw GenerationException.Unknown(ProviderName, "SkiaSharp could not encode the PNG.");
        return Task.FromResult(new GeneratedMedia
        {
            Content = png.AsStream(streamDisposesData: true),
            ContentType = "image/png",
            Extension = "png",
        });
    }

    /// <summary>The typeface captions are drawn in; its family is "DejaVu Sans" when fontconfig finds it.</summary>
    internal static SKTypeface CaptionTypeface => Typeface.Value;

    /// <summary>The caption band's rectangle for an image of this size (where the text goes).</summary>
    internal static SKRectI CaptionArea(int width, int height)
    {
        var margin = Math.Max(4, width / 32);
        return new SKRectI(margin, height - (height * 2 / 5), width - margin, height - margin);
    }

    internal static SKBitmap Render(string prompt, int width, int height, bool drawText)
    {
        var random = new DeterministicRandom(MediaHash.Seed(ProviderName, prompt));
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);

        var hue = (float)random.NextDouble(0, 360);
        var from = SKColor.FromHsv(hue, 55, 90);
        var to = SKColor.FromHsv((hue + (float)random.NextDouble(60, 180)) % 360, 70, 45);
        using (var shader = SKShader.CreateLinearGradient(
                   new SKPoint(0, 0), new SKPoint(width, height), [from, to], SKShaderTileMode.Clamp))
        using (var background = new SKPaint { Shader = shader })
        {
            canvas.DrawRect(0, 0, width, height, background);
        }

        var shapes = 5 + random.Next(6);
        using var paint = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };
        for (var i = 0; i < shapes; i++)
        {
            paint.Color = SKColor.FromHsv((float)random.NextDouble(0, 360), (float)random.NextDouble(40, 90),
                (float)random.NextDouble(50, 100)).WithAlpha((byte)(90 + random.Next(110)));
            var x = (float)random.NextDouble(0, width);
            var y = (float)random.NextDouble(0, height * 0.7);
            var size = (float)random.NextDouble(0.08, 0.3) * Math.Min(width, height) * 1.5f;
            switch (random.Next(4))
            {
                case 0:
                    canvas.DrawCircle(x, y, size / 2, paint);
                    break;
                case 1:
                    canvas.DrawRect(x - (size / 2), y - (size / 3), size, size * 2 / 3, paint);
                    break;
                case 2:
                    canvas.DrawRoundRect(new SKRect(x - (size / 2), y - (size / 2), x + (size / 2), y + (size / 2)), size / 6, size / 6, paint);
                    break;
                default:
                    using (var builder = new SKPathBuilder())
                    {
                        builder.MoveTo(x, y - (size / 2));
                        builder.LineTo(x + (size / 2), y + (size / 2));
                        builder.LineTo(x - (size / 2), y + (size / 2));
                        builder.Close();
                        using var path = builder.Detach();
                        canvas.DrawPath(path, paint);
                    }

                    break;
            }
        }

        var area = CaptionArea(width, height);
        paint.Color = new SKColor(0, 0, 0, 150);
        canvas.DrawRoundRect(new SKRect(area.Left, area.Top, area.Right, area.Bottom), 8, 8, paint);
        if (drawText)
        {
            DrawCaption(canvas, prompt, area);
        }

        canvas.Flush();
        return bitmap;
    }

    private static void DrawCaption(SKCanvas canvas, string text, SKRectI area)
    {
        var padding = Math.Max(3, area.Height / 10);
        var maxWidth = area.Width - (2 * padding);
        var fontSize = Math.Clamp(area.Height / 5f, 9f, 40f);
        using var font = new SKFont(CaptionTypeface, fontSize) { Edging = SKFontEdging.Antialias, Subpixel = false };
        using var paint = new SKPaint { IsAntialias = true, Color = SKColors.White };

        var lineHeight = font.Spacing;
        var maxLines = Math.Max(1, (int)((area.Height - (2 * padding)) / lineHeight));
        var lines = Wrap(text, font, maxWidth, maxLines);
        var y = area.Top + padding - font.Metrics.Ascent;
        foreach (var line in lines)
        {
            canvas.DrawText(line, area.Left + padding, y, SKTextAlign.Left, font, paint);
            y += lineHeight;
        }
    }

    private static List<string> Wrap(string text, SKFont font, float maxWidth, int maxLines)
    {
        var lines = new List<string>();
        var current = string.Empty;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (current.Length > 0 && font.MeasureText(candidate) > maxWidth)
            {
                lines.Add(current);
                current = word;
            }
            else
            {
                current = candidate;
            }
        }

        if (current.Length > 0)
        {
            lines.Add(current);
        }

        if (lines.Count > maxLines)
        {
            lines = lines.Take(maxLines).ToList();
            var last = lines[^1];
            while (last.Length > 1 && font.MeasureText(last + "…") > maxWidth)
            {
                last = last[..^1];
            }

            lines[^1] = last + "…";
        }

        return lines;
    }
}
