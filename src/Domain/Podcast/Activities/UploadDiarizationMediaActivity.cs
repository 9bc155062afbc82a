using Microsoft.DurableTask;
using Pipeline.Domain.Assets;
using Pipeline.Domain.Media;
using Pipeline.Domain.Payloads;
using Pipeline.Domain.Podcast.Diarization;

namespace Pipeline.Domain.Podcast.Activities;

/// <summary>
/// Hosted diarization, step 1: streams the audio blob to the provider's upload location (never buffered whole) and
/// returns the URL its jobs read it from. The upload's name is the job id, so a retry overwrites the same media.
/// </summary>
public sealed class UploadDiarizationMediaActivity(IHostedDiarizer diarizer, IBlobStore blobs) : TaskActivity<DiarizationInput, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, DiarizationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            var properties = await blobs.GetPropertiesAsync(input.AudioKey, CancellationToken.None);
            await using var audio = await blobs.GetAsync(input.AudioKey, CancellationToken.None);
            return await diarizer.UploadAsync($"pipeline/{input.JobId}/audio", audio, properties.Length, properties.ContentType, CancellationToken.None);
        }
        catch (BlobNotFoundException ex)
        {
            throw new PermanentAssetException(DiarizationStage.Diarization, $"The audio '{input.AudioKey}' does not exist.", ex);
        }
        catch (GenerationException ex)
        {
            throw AssetFailures.From(DiarizationStage.Diarization, ex);
        }
    }
}
