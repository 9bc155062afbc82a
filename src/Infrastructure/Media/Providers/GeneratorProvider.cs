namespace Pipeline.Infrastructure.Media.Providers;

/// <summary>Where a generator's work is done: on this machine, or by a hosted model.</summary>
public enum GeneratorProvider
{
    /// <summary>The local generator (Skia cards, espeak-ng or the built-in synthesizer, key-phrase prompts).</summary>
    Local,

    /// <summary>The OpenAI API (or any endpoint speaking its protocol), with an API key.</summary>
    OpenAI,

    /// <summary>An Azure OpenAI resource's v1 API, with an API key or the app's identity (<c>DefaultAzureCredential</c>).</summary>
    AzureOpenAI,
}
