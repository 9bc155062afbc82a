using Microsoft.Extensions.Options;
using Pipeline.Domain.Assets;
using Pipeline.Domain.Lecture;
using Pipeline.Domain.Media;
using Pipeline.Domain.Payloads;

namespace Pipeline.Domain.Activities;

/// <summary>Speaks one segment's text and streams the WAV to the blob store.</summary>
public sealed class GenerateNarrationActivity(ISpeechGenerator speech, LectureRequestStore requests, IBlobStore blobs, IOptions<LectureMediaOptions> options)
    : AssetActivity<LectureAssetItem>
{
    protected override async Task<AssetOutcome> GenerateAsync(LectureAssetItem item, CancellationToken cancellationToken)
    {
        var request = await requests.GetAsync(item.JobId, cancellationToken).ConfigureAwait(false);
        var segment = request.Segment(item.SegmentIndex);
        var o = options.Value;
        var voice = new VoiceProfile { Name = o.NarrationVoice, Pitch = o.NarrationPitch, SpeedWordsPerMinute = o.NarrationWordsPerMinute };
        var media = await speech.SynthesizeAsync(segment.Text!, voice, cancellationToken).ConfigureAwait(false);
        await using (media.ConfigureAwait(false))
        {
            var stored = await blobs.PutAsync(BlobKey.ForAsset(item.JobId, item.Stage, item.AssetId, media.Extension), media.Content, media.ContentType, cancellationToken).ConfigureAwait(false);
            return AssetOutcome.Succeeded(item.AssetId, item.Stage, stored, media.Usage);
        }
    }
}
