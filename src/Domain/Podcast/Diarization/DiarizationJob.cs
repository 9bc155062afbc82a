namespace Pipeline.Domain.Podcast.Diarization;

/// <summary>The input of <c>DiarizationWorkflow</c> (instance id = job id): the validated request.</summary>
public sealed record DiarizationJob
{
    public required string JobId { get; init; }

    public required DiarizationRequest Request { get; init; }
}
