using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.Identity;
using OpenAI;

namespace Pipeline.Infrastructure.Media.Providers.OpenAI;

/// <summary>
/// How one generator reaches its hosted model: the endpoint, the credential, the model or deployment, and the client
/// options every call shares — the SDK's own retries off (the orchestration retries, on durable timers) and the network
/// timeout from settings. Azure OpenAI is reached through the OpenAI client on the resource's v1 API
/// (<c>{endpoint}/openai/v1/</c>) with an <c>api-key</c> header, or a bearer token from <c>DefaultAzureCredential</c>.
/// </summary>
public sealed class OpenAiConnection
{
    public const string OpenAiDefaultEndpoint = "https://api.openai.com/v1";
    private const string AzureScope = "https://cognitiveservices.azure.com/.default";

    private OpenAiConnection(string section, HostedGeneratorOptions settings, string model, Uri endpoint, AuthenticationPolicy authentication)
    {
        Section = section;
        Settings = settings;
        Model = model;
        Endpoint = endpoint;
        Authentication = authentication;
    }

    /// <summary>The settings section, e.g. <c>Pipeline:Media:Images</c>: errors name keys under it.</summary>
    public string Section { get; }

    public HostedGeneratorOptions Settings { get; }

    /// <summary>The model (OpenAI) or deployment (Azure OpenAI) every call names.</summary>
    public string Model { get; }

    public Uri Endpoint { get; }

    public AuthenticationPolicy Authentication { get; }

    public bool IsAzure => Settings.Kind == GeneratorProvider.AzureOpenAI;

    /// <summary>The provider's name on usage records and errors: <c>openai</c> or <c>azure-openai</c>.</summary>
    public string ProviderName => IsAzure ? "azure-openai" : "openai";

    public TimeSpan Timeout => TimeSpan.FromSeconds(Settings.TimeoutSeconds);

    public static OpenAiConnection Create(string section, HostedGeneratorOptions settings, string defaultModel)
    {
        if (settings.Kind == GeneratorProvider.AzureOpenAI)
        {
            var resource = settings.Endpoint!.AbsoluteUri.TrimEnd('/');
            var endpoint = new Uri(resource.EndsWith("/openai/v1", StringComparison.OrdinalIgnoreCase) ? resource : resource + "/openai/v1");
            AuthenticationPolicy authentication = string.IsNullOrWhiteSpace(settings.ApiKey)
                ? new BearerTokenPolicy(new DefaultAzureCredential(), AzureScope)
                : ApiKeyAuthenticationPolicy.CreateHeaderApiKeyPolicy(new ApiKeyCredential(settings.ApiKey), "api-key");
            return new OpenAiConnection(section, settings, settings.Deployment!, endpoint, authentication);
        }

        return new OpenAiConnection(
            section,
            settings,
            settings.ModelOr(defaultModel),
            settings.Endpoint ?? new Uri(OpenAiDefaultEndpoint),
            ApiKeyAuthenticationPolicy.CreateBearerAuthorizationPolicy(new ApiKeyCredential(settings.ApiKey!)));
    }

    public OpenAIClientOptions ClientOptions() => new()
    {
        Endpoint = Endpoint,
        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        NetworkTimeout = Timeout,
    };

    /// <summary>The setting to fix when the provider refuses the credential.</summary>
    public string CredentialHint => IsAzure && string.IsNullOrWhiteSpace(Settings.ApiKey)
        ? $"the app's identity (DefaultAzureCredential) needs the Cognitive Services OpenAI User role on the resource at {Section}:Endpoint, or set {Section}:ApiKey"
        : $"check {Section}:ApiKey";

    /// <summary>The setting naming what the provider could not find.</summary>
    public string ModelSetting => IsAzure ? $"{Section}:Deployment" : $"{Section}:Model";
}
