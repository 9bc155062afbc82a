using Pipeline.Domain.Assets;
using Pipeline.Domain.Lecture;
using Pipeline.Domain.Media;
using Pipeline.Domain.Payloads;

namespace Pipeline.Domain.Activities;

/// <summary>Animates a segment's starting image with its narration as the sound track and streams the video to the blob store.</summary>
public sealed class GenerateVideoActivity(IVideoGenerator videos, LectureRequestStore requests, IBlobStore blobs) : AssetActivity<LectureAssetItem>
{
    private const double WordsPerSecond = 2.6;

    protected override async Task<AssetOutcome> GenerateAsync(LectureAssetItem item, CancellationToken cancellationToken)
    {
        var request = await requests.GetAsync(item.JobId, cancellationToken).ConfigureAwait(false);
        var words = request.Segment(item.SegmentIndex).WordCount();
        var duration = TimeSpan.FromSeconds(Math.Clamp(Math.Ceiling(words / WordsPerSecond), 3, 30));
        var image = await blobs.GetAsync(item.StartingImageKey!, cancellationToken).ConfigureAwait(false);
        await using (image.ConfigureAwait(false))
        {
            var narration = item.NarrationKey is { } key ? await blobs.GetAsync(key, cancellationToken).ConfigureAwait(false) : null;
            try
            {
                var media = await videos.GenerateVideoAsync(image, narration, duration, cancellationToken).ConfigureAwait(false);
                await using (media.ConfigureAwait(false))
                {
                    var stored = await blobs.PutAsync(BlobKey.ForAsset(item.JobId, item.Stage, item.AssetId, media.Extension), media.Content, media.ContentType, cancellationToken).ConfigureAwait(false);
                    return AssetOutcome.Succeeded(item.AssetId, item.Stage, stored, media.Usage);
                }
            }
            finally
            {
                if (narration is not null)
                {
                    await narration.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
    }
}
