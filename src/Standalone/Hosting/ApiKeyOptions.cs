namespace Pipeline.Standalone.Hosting;

/// <summary>
/// The API key (setting <c>Pipeline:Api:Key</c>). Optional on loopback; required when the host listens on any other
/// address. With a key, every request carries it in <c>x-functions-key</c> or <c>?code=</c>, as on Azure Functions.
/// </summary>
public sealed class ApiKeyOptions
{
    public const string SectionName = "Pipeline:Api";

    public const string HeaderName = "x-functions-key";

    public const string QueryName = "code";

    /// <summary>The shortest key accepted: a short key is guessable.</summary>
    public const int MinLength = 16;

    public string? Key { get; set; }
}
