using Pipeline.Domain.Activities;
using Pipeline.Domain.Assets;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Pipeline.Domain.Media;
using Pipeline.Domain.Payloads;

namespace Pipeline.Domain.Podcast.Activities;

/// <summary>
/// One script segment: reads its line from the stored script by index, speaks it in its speaker's voice and streams
/// the WAV to <c>jobs/{jobId}/audio/segment-{index}.wav</c>. Generator failures keep their kind (transient ones retry).
/// Speech runs inside the input's <see cref="ActivityAttempt"/>.
/// </summary>
public sealed class SynthesizeSegmentActivity(ISpeechGenerator speech, IBlobStore blobs) : TaskActivity<SegmentSynthesis, AssetOutcome>
{
    public override async Task<AssetOutcome> RunAsync(TaskActivityContext context, SegmentSynthesis input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var assetId = PodcastBlobKeys.SegmentId(input.Index);
        var script = await JsonBlob.GetAsync<PodcastScript>(blobs, input.ScriptKey, CancellationToken.None);
        if (input.Index < 0 || input.Index >= script.Lines.Count)
        {
            throw new PermanentAssetException(assetId, $"The script has {script.Lines.Count} lines; there is no line {input.Index}.");
        }

        var line = script.Lines[input.Index];
        using var attempt = ActivityAttempt.Enter(input.Attempt);
        try
        {
            await using var audio = await speech.SynthesizeAsync(line.Text, script.SpeakerOf(line).Voice, CancellationToken.None);
            var blob = await blobs.PutAsync(PodcastBlobKeys.Segment(input.JobId, input.Index), audio.Content, audio.ContentType, CancellationToken.None);
            return AssetOutcome.Succeeded(assetId, PodcastStage.Audio, blob);
        }
        catch (GenerationException ex)
        {
            throw AssetFailures.From(assetId, ex);
        }
    }
}
