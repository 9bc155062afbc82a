using Pipeline.Domain.Jobs;
using Pipeline.Domain.Payloads;

namespace Pipeline.Domain.Podcast.Diarization;

/// <summary>
/// The body of <c>POST /api/jobs/diarization</c>: <see cref="Audio"/> is the blob key of a WAV — an asset of a previous
/// job (<c>jobs/{id}/…</c>) or an upload (<c>uploads/{name}</c>, written by <c>PUT /api/uploads/{name}</c>).
/// <see cref="Transcript"/> optionally names a transcript to align by time; <see cref="SpeakerRegistry"/> maps known
/// speakers' names to their voice features.
/// </summary>
public sealed record DiarizationRequest
{
    public const string UploadsPrefix = "uploads/";

    public string? JobId { get; init; }

    public string? Audio { get; init; }

    public string? Transcript { get; init; }

    /// <summary>How many speakers there are, when known; estimated otherwise.</summary>
    public int? Speakers { get; init; }

    public IReadOnlyDictionary<string, VoiceFeatures>? SpeakerRegistry { get; init; }

    /// <summary>The key an upload named <paramref name="name"/> is stored under.</summary>
    public static string UploadKey(string name) => BlobKey.Validate(UploadsPrefix + name, nameof(name));

    /// <summary>Every problem with the request, keyed by field path; empty when the request is valid.</summary>
    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        if (JobId is not null && !Jobs.JobId.IsValid(JobId))
        {
            errors.Add("jobId", $"must match {Jobs.JobId.Pattern}.");
        }

        ValidateSource(errors, "audio", Audio, required: true);
        ValidateSource(errors, "transcript", Transcript, required: false);
        if (Speakers is { } speakers)
        {
            errors.Range("speakers", speakers, 1, PodcastLimits.MaxSpeakers);
        }

        if (SpeakerRegistry is { } registry)
        {
            if (registry.Count > PodcastLimits.MaxRegistrySpeakers)
            {
                errors.Add("speakerRegistry", $"has {registry.Count} speakers; the limit is {PodcastLimits.MaxRegistrySpeakers}.");
            }

            foreach (var (name, features) in registry)
            {
                var path = $"speakerRegistry.{name}";
                errors.RequireName($"speakerRegistry[{name}]", name, PodcastLimits.MaxNameLength);
                if (features is null)
                {
                    errors.Add(path, "needs voice features.");
                    continue;
                }

                errors.Range($"{path}.pitchHz", features.PitchHz, PodcastLimits.MinPitchHz, PodcastLimits.MaxPitchHz);
                errors.Range($"{path}.spectralCentroidHz", features.SpectralCentroidHz, PodcastLimits.MinCentroidHz, PodcastLimits.MaxCentroidHz);
            }
        }

        return errors;
    }

    private static void ValidateSource(FieldErrors errors, string field, string? key, bool required)
    {
        if (key is null)
        {
            if (required)
            {
                errors.Add(field, "is required: the blob key of a job's asset (jobs/{id}/…) or of an upload (uploads/{name}).");
            }

            return;
        }

        if (!BlobKey.IsValid(key))
        {
            errors.Add(field, "is not a valid blob key.");
            return;
        }

        var segments = key.Split('/');
        var ofJob = key.StartsWith(BlobKey.JobsPrefix, StringComparison.Ordinal) && segments.Length >= 3 && Jobs.JobId.IsValid(segments[1]);
        var upload = key.StartsWith(UploadsPrefix, StringComparison.Ordinal) && segments.Length >= 2;
        if (!ofJob && !upload)
        {
            errors.Add(field, "must name a job's asset (jobs/{id}/…) or an upload (uploads/{name}).");
        }
    }
}
