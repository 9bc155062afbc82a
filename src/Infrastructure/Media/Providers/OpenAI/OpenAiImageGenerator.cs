// OPENAI001: the clients' AuthenticationPolicy constructors (the only way to send Azure's api-key header or an Entra
// token) and the image usage are marked evaluation-only in OpenAI 2.15.
#pragma warning disable OPENAI001
using System.Globalization;
using OpenAI.Images;
using Pipeline.Domain.Media;
using SkiaSharp;

namespace Pipeline.Infrastructure.Media.Providers.OpenAI;

/// <summary>
/// Images from an OpenAI image model (<c>POST images/generations</c>, base64 PNG). The API has fixed sizes, so it asks
/// for <c>Size</c> from settings or the model's size nearest the requested aspect ratio; when the PNG that comes back
/// is not exactly the requested width × height it is scaled to cover that size and centre-cropped (the port promises
/// exact pixels). A PNG already of the requested size is stored byte for byte as the provider sent it.
/// </summary>
public sealed class OpenAiImageGenerator : IImageGenerator
{
    public const string DefaultModel = "gpt-image-1";
    public const int MaxSide = 4096;

    private readonly OpenAiConnection _connection;
    private readonly ImageClient _client;

    public OpenAiImageGenerator(OpenAiConnection connection)
    {
        _connection = connection;
        _client = new ImageClient(connection.Model, connection.Authentication, connection.ClientOptions());
    }

    public async Task<GeneratedMedia> GenerateImageAsync(string prompt, int width, int height, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(prompt))
        {
            throw GenerationException.Permanent(Provider, "The image prompt is empty.");
        }

        if (width is < 16 or > MaxSide || height is < 16 or > MaxSide)
        {
            throw GenerationException.Permanent(Provider, $"An image of {width}×{height} is outside 16–{MaxSide} pixels a side.");
        }

        var (requestWidth, requestHeight) = RequestSize(_connection.Settings.Size, _connection.Model, width, height);
        var options = new ImageGenerationOptions { Size = new GeneratedImageSize(requestWidth, requestHeight) };
        if (!_connection.Model.StartsWith("gpt-image", StringComparison.OrdinalIgnoreCase))
        {
            // DALL·E models answer with a URL unless asked for bytes; gpt-image models always send base64 and refuse the field.
            options.ResponseFormat = GeneratedImageFormat.Bytes;
        }

        var result = await OpenAiFailures.CallAsync(
            _connection, "images", token => _client.GenerateImagesAsync(prompt, 1, options, token), cancellationToken);
        var images = result.Value;
        var bytes = images.Count == 1 ? images[0].ImageBytes : null;
        if (bytes is null || bytes.ToMemory().IsEmpty)
        {
            throw GenerationException.Unknown(Provider, "The provider's answer held no image bytes.");
        }

        var png = FitExactly(bytes.ToArray(), width, height);
        return new GeneratedMedia
        {
            Content = new MemoryStream(png, writable: false),
            ContentType = "image/png",
            Extension = "png",
            Usage = new MediaUsage
            {
                Provider = _connection.ProviderName,
                Model = _connection.Model,
                Images = 1,
                ImageSize = string.Create(CultureInfo.InvariantCulture, $"{requestWidth}x{requestHeight}"),
                InputTokens = images.Usage?.InputTokenCount,
                OutputTokens = images.Usage?.OutputTokenCount,
            },
        };
    }

    private string Provider => $"{_connection.ProviderName}-images";

    /// <summary>The size to ask for: the configured one, else the model's allowed size whose aspect ratio is nearest.</summary>
    public static (int Width, int Height) RequestSize(string? configured, string model, int width, int height)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var parts = configured.Split('x');
            return (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
        }

        (int, int)[] allowed = model.ToLowerInvariant() switch
        {
            "dall-e-2" => [(256, 256), (512, 512), (1024, 1024)],
            "dall-e-3" => [(1024, 1024), (1792, 1024), (1024, 1792)],
            _ => [(1024, 1024), (1536, 1024), (1024, 1536)],
        };
        var aspect = Math.Log((double)width / height);

        // Nearest aspect first; among equals (the DALL·E 2 squares) the smallest that still covers the request.
        return allowed
            .OrderBy(s => Math.Abs(Math.Log((double)s.Item1 / s.Item2) - aspect))
            .ThenBy(s => s.Item1 >= width && s.Item2 >= height ? 0 : 1)
            .ThenBy(s => s.Item1 * s.Item2)
            .First();
    }

    /// <summary>The PNG itself when it is already <paramref name="width"/> × <paramref name="height"/>; else scaled to cover and centre-cropped.</summary>
    private byte[] FitExactly(byte[] png, int width, int height)
    {
        using var codec = SKCodec.Create(new MemoryStream(png))
            ?? throw GenerationException.Unknown(Provider, "The provider's image is not a PNG that can be decoded.");
        if (codec.EncodedFormat != SKEncodedImageFormat.Png)
        {
            throw GenerationException.Unknown(Provider, $"The provider sent a {codec.EncodedFormat} image, not a PNG.");
        }

        if (codec.Info.Width == width && codec.Info.Height == height)
        {
            return png;
        }

        using var source = SKBitmap.Decode(codec)
            ?? throw GenerationException.Unknown(Provider, "The provider's PNG could not be decoded.");
        var scale = Math.Max((float)width / source.Width, (float)height / source.Height);
        var drawn = new SKRect(0, 0, source.Width * scale, source.Height * scale);
        drawn.Offset((width - drawn.Width) / 2, (height - drawn.Height) / 2);
        using var target = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(target))
        {
            using var image = SKImage.FromBitmap(source);
            canvas.DrawImage(image, drawn, new SKSamplingOptions(SKCubicResampler.Mitchell));
        }

        using var encoded = target.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw GenerationException.Unknown(Provider, "The resized image could not be encoded.");
        return encoded.ToArray();
    }
}
