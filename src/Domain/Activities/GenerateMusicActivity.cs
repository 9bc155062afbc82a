using Pipeline.Domain.Assets;
using Pipeline.Domain.Lecture;
using Pipeline.Domain.Media;
using Pipeline.Domain.Payloads;

namespace Pipeline.Domain.Activities;

/// <summary>Composes the lecture's background music and streams it to the blob store.</summary>
public sealed class GenerateMusicActivity(IMusicGenerator music, LectureRequestStore requests, IBlobStore blobs) : AssetActivity<LectureAssetItem>
{
    protected override async Task<AssetOutcome> GenerateAsync(LectureAssetItem item, CancellationToken cancellationToken)
    {
        var request = await requests.GetAsync(item.JobId, cancellationToken).ConfigureAwait(false);
        var settings = request.Music ?? new LectureMusic();
        var prompt = settings.Prompt ?? request.Title!;
        var media = await music.ComposeAsync(prompt, TimeSpan.FromSeconds(settings.DurationSeconds), cancellationToken).ConfigureAwait(false);
        await using (media.ConfigureAwait(false))
        {
            var stored = await blobs.PutAsync(BlobKey.ForAsset(item.JobId, item.Stage, item.AssetId, media.Extension), media.Content, media.ContentType, cancellationToken).ConfigureAwait(false);
            return AssetOutcome.Succeeded(item.AssetId, item.Stage, stored, media.Usage);
        }
    }
}
