using Pipeline.Domain.Assets;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Pipeline.Domain.Media;
using Pipeline.Domain.Payloads;
using Pipeline.Domain.Podcast.Diarization;

namespace Pipeline.Domain.Podcast.Activities;

/// <summary>The diarization stage: streams the audio blob through the diarizer, stores the result first, returns counts and a reference.</summary>
public sealed class DiarizeAudioActivity(IDiarizer diarizer, IBlobStore blobs) : TaskActivity<DiarizationInput, DiarizationSummary>
{
    public override async Task<DiarizationSummary> RunAsync(TaskActivityContext context, DiarizationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        DiarizationResult result;
        try
        {
            await using var audio = await blobs.GetAsync(input.AudioKey, CancellationToken.None);
            result = await diarizer.DiarizeAsync(audio, input.Speakers, CancellationToken.None);
        }
        catch (BlobNotFoundException ex)
        {
            throw new PermanentAssetException(DiarizationStage.Diarization, $"The audio '{input.AudioKey}' does not exist.", ex);
        }
        catch (GenerationException ex)
        {
            throw AssetFailures.From(DiarizationStage.Diarization, ex);
        }

        var blob = await JsonBlob.PutAsync(blobs, DiarizationBlobKeys.Segments(input.JobId), result, CancellationToken.None);
        return new DiarizationSummary(
            blob,
            result.Segments.Count,
            result.Speakers.Count,
            Math.Round(result.Duration, 3),
            Math.Round(result.Segments.Sum(s => s.End - s.Start), 3));
    }
}
