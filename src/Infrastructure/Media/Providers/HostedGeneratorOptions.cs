using System.ComponentModel.DataAnnotations;

namespace Pipeline.Infrastructure.Media.Providers;

/// <summary>
/// One generator's provider, bound from <c>Pipeline:Media:Images</c>, <c>:Speech</c>, <c>:Prompts</c> or <c>:Scripts</c>. Everything but
/// <see cref="Provider"/> matters only when the provider is hosted.
/// </summary>
public sealed class HostedGeneratorOptions
{
    /// <summary><c>Local</c>, <c>OpenAI</c> or <c>AzureOpenAI</c> (any case); read as <see cref="Kind"/>.</summary>
    public string Provider { get; set; } = nameof(GeneratorProvider.Local);

    /// <summary>The provider named by <see cref="Provider"/>; <see cref="GeneratorProvider.Local"/> when it names none (validation refuses that).</summary>
    public GeneratorProvider Kind => Named(Provider) ?? GeneratorProvider.Local;

    /// <summary>The OpenAI model, e.g. <c>gpt-image-1</c>, <c>tts-1</c>, <c>gpt-4o-mini</c>; a default per generator when empty.</summary>
    public string? Model { get; set; }

    /// <summary>The Azure OpenAI deployment name (required for <see cref="GeneratorProvider.AzureOpenAI"/>).</summary>
    public string? Deployment { get; set; }

    /// <summary>
    /// OpenAI: the API base, default <c>https://api.openai.com/v1</c>. Azure OpenAI: the resource endpoint,
    /// <c>https://{resource}.openai.azure.com</c> (required).
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The API key: required for OpenAI; for Azure OpenAI, empty means the app's identity.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Speech only: the voice when the job's voice is not one of the provider's (default <c>alloy</c>).</summary>
    [RegularExpression("^[a-z][a-z0-9_-]{0,31}$")]
    public string? Voice { get; set; }

    /// <summary>Images only: the size to request, e.g. <c>1024x1024</c>; empty picks the model's size nearest the asked aspect.</summary>
    [RegularExpression("^[1-9][0-9]{1,4}x[1-9][0-9]{1,4}$")]
    public string? Size { get; set; }

    /// <summary>How long one call may take before it fails as a transient timeout.</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 120;

    /// <summary>The model or deployment the calls name.</summary>
    public string ModelOr(string fallback)
        => Kind == GeneratorProvider.AzureOpenAI ? Deployment ?? string.Empty : string.IsNullOrWhiteSpace(Model) ? fallback : Model;

    /// <summary>What is wrong with these settings (each naming its full key under <paramref name="section"/>); empty when nothing.</summary>
    public IEnumerable<string> Problems(string section)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true);
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames)
            {
                yield return $"{section}:{member} is not valid: {Describe(member)}.";
            }
        }

        if (Named(Provider) is null)
        {
            yield return $"{section}:Provider '{Provider}' is not a provider: use {string.Join(", ", Enum.GetNames<GeneratorProvider>())}.";
            yield break;
        }

        if (Kind == GeneratorProvider.Local)
        {
            yield break;
        }

        if (Endpoint is { } endpoint && (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("https" or "http")))
        {
            yield return $"{section}:Endpoint must be an absolute http or https address.";
        }
        else if (Endpoint is { Scheme: "http" } plain && !plain.IsLoopback)
        {
            yield return $"{section}:Endpoint must use https unless it is a loopback address.";
        }

        if (Kind == GeneratorProvider.OpenAI && string.IsNullOrWhiteSpace(ApiKey))
        {
            yield return $"{section}:ApiKey is required when {section}:Provider is OpenAI.";
        }

        if (Kind == GeneratorProvider.AzureOpenAI)
        {
            if (Endpoint is null)
            {
                yield return $"{section}:Endpoint is required when {section}:Provider is AzureOpenAI (https://{{resource}}.openai.azure.com).";
            }

            if (string.IsNullOrWhiteSpace(Deployment))
            {
                yield return $"{section}:Deployment is required when {section}:Provider is AzureOpenAI.";
            }
        }
    }

    private static GeneratorProvider? Named(string? value)
        => Enum.GetNames<GeneratorProvider>().FirstOrDefault(n => string.Equals(n, value?.Trim(), StringComparison.OrdinalIgnoreCase)) is { } name
            ? Enum.Parse<GeneratorProvider>(name)
            : null;

    private static string Describe(string member) => member switch
    {
        nameof(Voice) => "a voice name such as alloy, nova or onyx",
        nameof(Size) => "WIDTHxHEIGHT, such as 1024x1024",
        nameof(TimeoutSeconds) => "1–600 seconds",
        _ => "see docs/providers.md",
    };
}
