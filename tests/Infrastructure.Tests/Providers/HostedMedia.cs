using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pipeline.Infrastructure.Media;

namespace Pipeline.Infrastructure.Tests.Providers;

/// <summary>The media ports as <c>AddPipelineMedia</c> registers them from the given settings.</summary>
internal static class HostedMedia
{
    public static ServiceProvider Build(IDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Pipeline:Media:PreferExternalTools"] = "false" }.Concat(settings))
            .Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddPipelineMedia()
            .BuildServiceProvider();

        // What ValidateOnStart runs when a host starts.
        _ = services.GetRequiredService<IOptions<MediaOptions>>().Value;
        return services;
    }

    /// <summary>Settings pointing <paramref name="generator"/> (Images, Speech, Prompts) at the protocol server as provider OpenAI.</summary>
    public static Dictionary<string, string?> OpenAi(OpenAiProtocolServer server, string generator, int timeoutSeconds = 30) => new()
    {
        [$"Pipeline:Media:{generator}:Provider"] = "OpenAI",
        [$"Pipeline:Media:{generator}:Endpoint"] = server.OpenAiEndpoint.AbsoluteUri,
        [$"Pipeline:Media:{generator}:ApiKey"] = OpenAiProtocolServer.ApiKey,
        [$"Pipeline:Media:{generator}:TimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
