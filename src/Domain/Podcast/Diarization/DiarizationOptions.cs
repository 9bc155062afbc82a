using System.ComponentModel.DataAnnotations;

namespace Pipeline.Domain.Podcast.Diarization;

/// <summary>
/// The diarization provider (<c>Pipeline:Diarization</c>): <see cref="DiarizationProvider.Local"/> (the default) or
/// <see cref="DiarizationProvider.PyannoteAI"/> with its endpoint, API key, model, poll interval and timeout. Validated
/// at start; a hosted provider without a key stops the host with the setting's name.
/// </summary>
public sealed class DiarizationOptions
{
    public const string Section = "Pipeline:Diarization";

    public DiarizationProvider Provider { get; set; } = DiarizationProvider.Local;

    /// <summary>The pyannoteAI API's base address.</summary>
    public Uri Endpoint { get; set; } = new("https://api.pyannote.ai");

    /// <summary>The pyannoteAI API key, sent as <c>Authorization: Bearer</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The pyannoteAI model (<c>precision-2</c>, <c>community-1</c>); the provider's default when empty.</summary>
    public string? Model { get; set; }

    /// <summary>How long the workflow waits (on a durable timer) between two polls of a hosted job.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a hosted job may run, in workflow time, before the diarization fails.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "2.00:00:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long one call to the provider's API may take (the upload is not limited by it).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>The setting that holds the API key, for error messages.</summary>
    public const string ApiKeySetting = Section + ":" + nameof(ApiKey);
}
