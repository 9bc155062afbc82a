using Microsoft.DurableTask;
using Pipeline.Domain.Assets;
using Pipeline.Domain.Media;
using Pipeline.Domain.Payloads;
using Pipeline.Domain.Podcast.Diarization;

namespace Pipeline.Domain.Podcast.Activities;

/// <summary>
/// Hosted diarization, step 3, once per poll: reads the job's status. When it succeeded, the segments are mapped onto
/// <see cref="DiarizationResult"/> and stored first (they can be megabytes); only the status and the result's summary
/// return to the workflow. Each cluster's voice features are measured from the audio over its segments (when the
/// audio is a WAV the measurer reads; otherwise they stay zero and no registry name is given). A job that failed or
/// was canceled at the provider is a permanent failure with its reason.
/// </summary>
public sealed class GetDiarizationJobActivity(IHostedDiarizer diarizer, IVoiceMeasurer voices, IBlobStore blobs) : TaskActivity<DiarizationJobQuery, DiarizationJobPoll>
{
    public override async Task<DiarizationJobPoll> RunAsync(TaskActivityContext context, DiarizationJobQuery input)
    {
        ArgumentNullException.ThrowIfNull(input);
        HostedDiarizationJob job;
        try
        {
            job = await diarizer.GetAsync(input.ProviderJobId, CancellationToken.None);
        }
        catch (GenerationException ex)
        {
            throw AssetFailures.From(DiarizationStage.Diarization, ex);
        }

        switch (job.Status)
        {
            case HostedJobStatus.Failed:
                throw new PermanentAssetException(
                    DiarizationStage.Diarization,
                    $"{DiarizationStage.Diarization}: {diarizer.Provider}: the diarization job '{input.ProviderJobId}' failed: {(string.IsNullOrWhiteSpace(job.Error) ? "the provider gave no reason" : job.Error.TrimEnd('.', ' '))}.");
            case HostedJobStatus.Canceled:
                throw new PermanentAssetException(
                    DiarizationStage.Diarization,
                    $"{DiarizationStage.Diarization}: {diarizer.Provider}: the diarization job '{input.ProviderJobId}' was canceled at the provider.");
            case HostedJobStatus.Succeeded:
                break;
            default:
                return new DiarizationJobPoll(job.Status, null);
        }

        var result = HostedDiarizationMapping.ToResult(job.Segments ?? []);
        try
        {
            await using var audio = await blobs.GetAsync(input.AudioKey, CancellationToken.None);
            result = HostedDiarizationMapping.WithVoices(result, await voices.MeasureAsync(audio, result.Segments, CancellationToken.None));
        }
        catch (GenerationException ex) when (ex.Kind == FailureKind.Permanent)
        {
            // Not a recording the measurer reads (the provider takes other formats): the clusters stay unmeasured.
        }
        catch (BlobNotFoundException)
        {
            // The audio was removed after its upload: the clusters stay unmeasured.
        }

        var blob = await JsonBlob.PutAsync(blobs, DiarizationBlobKeys.Segments(input.JobId), result, CancellationToken.None);
        var summary = new DiarizationSummary(
            blob,
            result.Segments.Count,
            result.Speakers.Count,
            Math.Round(result.Duration, 3),
            Math.Round(result.Segments.Sum(s => s.End - s.Start), 3));
        return new DiarizationJobPoll(HostedJobStatus.Succeeded, summary);
    }
}
