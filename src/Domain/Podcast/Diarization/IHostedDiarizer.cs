namespace Pipeline.Domain.Podcast.Diarization;

/// <summary>
/// A hosted diarization service whose jobs run for minutes: the audio is uploaded, a job started, and the job's status
/// read until it is over — each a single call, so the workflow (not an activity) does the waiting on durable timers.
/// Failures are <see cref="Media.GenerationException"/>s classified at the provider: 429, 5xx and timeouts transient
/// (with the provider's <c>Retry-After</c>), rejected requests and keys permanent, unreadable answers unknown.
/// </summary>
public interface IHostedDiarizer
{
    /// <summary>The provider's name in errors, e.g. <c>pyannoteai</c>.</summary>
    string Provider { get; }

    /// <summary>Uploads <paramref name="audio"/> (streamed, of <paramref name="length"/> bytes) under <paramref name="name"/>; returns the URL jobs read it from.</summary>
    Task<string> UploadAsync(string name, Stream audio, long length, string contentType, CancellationToken cancellationToken = default);

    /// <summary>Starts a diarization job of the uploaded <paramref name="mediaUrl"/>; returns the provider's job id.</summary>
    Task<string> StartAsync(string mediaUrl, int? speakers, CancellationToken cancellationToken = default);

    /// <summary>Reads a job's status once (and its segments when it succeeded).</summary>
    Task<HostedDiarizationJob> GetAsync(string jobId, CancellationToken cancellationToken = default);
}
