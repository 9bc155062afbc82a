namespace Pipeline.Domain.Podcast.Diarization;

/// <summary>The status of a job at a hosted diarization provider; a job is over when it succeeded, failed or was canceled.</summary>
public enum HostedJobStatus
{
    Pending,
    Created,
    Running,
    Succeeded,
    Failed,
    Canceled,
}
