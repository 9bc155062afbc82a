using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Media;
using Pipeline.Infrastructure.Media.Providers.OpenAI;
using SkiaSharp;
using static Pipeline.Infrastructure.Tests.Providers.OpenAiProtocolServer;

namespace Pipeline.Infrastructure.Tests.Providers;

public sealed class OpenAiImageGeneratorTests : IAsyncLifetime
{
    private OpenAiProtocolServer _server = null!;

    public async Task InitializeAsync() => _server = await StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task GenerateImageAsync_AllowedSize_StoresTheProvidersPngAndItsUsage()
    {
        using var services = HostedMedia.Build(HostedMedia.OpenAi(_server, "Images"));
        var images = services.GetRequiredService<IImageGenerator>();
        Assert.IsType<OpenAiImageGenerator>(images);

        await using var media = await images.GenerateImageAsync("a lighthouse at dusk", 1024, 1024);

        var request = Assert.Single(_server.RequestsTo(Route.Images));
        Assert.Equal("/v1/images/generations", request.Path);
        Assert.Equal("Bearer test-key", request.Authorization);
        Assert.Equal("gpt-image-1", (string?)request.Body["model"]);
        Assert.Equal("1024x1024", (string?)request.Body["size"]);
        Assert.Equal("a lighthouse at dusk", (string?)request.Body["prompt"]);
        Assert.Null(request.Body["response_format"]);
        Assert.Equal(SHA256.HashData(request.Asset!), await SHA256.HashDataAsync(media.Content));
        Assert.Equal("image/png", media.ContentType);
        Assert.Equal(new MediaUsage
        {
            Provider = "openai", Model = "gpt-image-1", Images = 1, ImageSize = "1024x1024", InputTokens = 5, OutputTokens = 4160,
        }, media.Usage);
    }

    [Fact]
    public async Task GenerateImageAsync_WideSize_AsksForTheNearestAllowedSizeAndReturnsExactPixels()
    {
        using var services = HostedMedia.Build(HostedMedia.OpenAi(_server, "Images"));

        await using var media = await services.GetRequiredService<IImageGenerator>().GenerateImageAsync("a river delta", 320, 180);

        var request = Assert.Single(_server.RequestsTo(Route.Images));
        Assert.Equal("1536x1024", (string?)request.Body["size"]);
        using var bitmap = SKBitmap.Decode(media.Content);
        Assert.Equal((320, 180), (bitmap.Width, bitmap.Height));
        Assert.Equal("1536x1024", media.Usage!.ImageSize);
    }

    [Fact]
    public async Task GenerateImageAsync_DallE3WithConfiguredSize_AsksForBase64AtThatSize()
    {
        var settings = HostedMedia.OpenAi(_server, "Images");
        settings["Pipeline:Media:Images:Model"] = "dall-e-3";
        settings["Pipeline:Media:Images:Size"] = "1792x1024";
        using var services = HostedMedia.Build(settings);

        await using var media = await services.GetRequiredService<IImageGenerator>().GenerateImageAsync("a glacier", 1792, 1024);

        var request = Assert.Single(_server.RequestsTo(Route.Images));
        Assert.Equal("b64_json", (string?)request.Body["response_format"]);
        Assert.Equal("1792x1024", (string?)request.Body["size"]);
        Assert.Equal(SHA256.HashData(request.Asset!), await SHA256.HashDataAsync(media.Content));
    }

    [Fact]
    public async Task GenerateImageAsync_AzureOpenAiWithKey_CallsTheDeploymentOnTheV1RouteWithApiKeyHeader()
    {
        using var services = HostedMedia.Build(new Dictionary<string, string?>
        {
            ["Pipeline:Media:Images:Provider"] = "AzureOpenAI",
            ["Pipeline:Media:Images:Endpoint"] = _server.AzureEndpoint.AbsoluteUri,
            ["Pipeline:Media:Images:Deployment"] = "images-prod",
            ["Pipeline:Media:Images:ApiKey"] = ApiKey,
        });

        await using var media = await services.GetRequiredService<IImageGenerator>().GenerateImageAsync("a tidal pool", 1024, 1024);

        var request = Assert.Single(_server.RequestsTo(Route.Images));
        Assert.Equal("/openai/v1/images/generations", request.Path);
        Assert.Equal(ApiKey, request.ApiKeyHeader);
        Assert.Equal(string.Empty, request.Authorization);
        Assert.Equal("images-prod", (string?)request.Body["model"]);
        Assert.Equal(SHA256.HashData(request.Asset!), await SHA256.HashDataAsync(media.Content));
        Assert.Equal("azure-openai", media.Usage!.Provider);
        Assert.Equal("images-prod", media.Usage.Model);
    }
}
