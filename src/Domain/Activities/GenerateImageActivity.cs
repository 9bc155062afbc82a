using System.Text.Json;
using Microsoft.Extensions.Options;
using Pipeline.Domain.Assets;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Entities;
using Pipeline.Domain.Lecture;
using Pipeline.Domain.Media;
using Pipeline.Domain.Payloads;

namespace Pipeline.Domain.Activities;

/// <summary>
/// Renders one image — a segment image (its prompt from the request or from the derived prompts) or a segment's
/// starting image for its video (the video prompt, else the segment text) — and streams it to the blob store.
/// </summary>
public sealed class GenerateImageActivity(IImageGenerator images, LectureRequestStore requests, IBlobStore blobs, IOptions<LectureMediaOptions> options)
    : AssetActivity<LectureAssetItem>
{
    private const int StartingPromptLength = 300;

    protected override async Task<AssetOutcome> GenerateAsync(LectureAssetItem item, CancellationToken cancellationToken)
    {
        var request = await requests.GetAsync(item.JobId, cancellationToken).ConfigureAwait(false);
        var segment = request.Segment(item.SegmentIndex);
        var prompt = item.Stage == LectureStage.StartingImages
            ? segment.VideoPrompt ?? segment.Text![..Math.Min(segment.Text!.Length, StartingPromptLength)]
            : segment.ImagePrompts is { Count: > 0 } given ? given[item.Ordinal % given.Count] : await DerivedPromptAsync(item, cancellationToken).ConfigureAwait(false);
        var media = await images.GenerateImageAsync(prompt, options.Value.ImageWidth, options.Value.ImageHeight, cancellationToken).ConfigureAwait(false);
        await using (media.ConfigureAwait(false))
        {
            var stored = await blobs.PutAsync(BlobKey.ForAsset(item.JobId, item.Stage, item.AssetId, media.Extension), media.Content, media.ContentType, cancellationToken).ConfigureAwait(false);
            return AssetOutcome.Succeeded(item.AssetId, item.Stage, stored, media.Usage);
        }
    }

    private async Task<string> DerivedPromptAsync(LectureAssetItem item, CancellationToken cancellationToken)
    {
        var key = BlobKey.ForAsset(item.JobId, LectureStage.Prompts, LectureAssets.Prompts(item.SegmentIndex), "json");
        var body = await blobs.GetAsync(key, cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var prompts = await JsonSerializer.DeserializeAsync<string[]>(body, JsonPayloadConverter.Options, cancellationToken).ConfigureAwait(false);
            return prompts is { Length: > 0 }
                ? prompts[item.Ordinal % prompts.Length]
                : throw new GenerationException(FailureKind.Permanent, "prompts", $"No prompts were derived for segment {item.SegmentIndex}.");
        }
    }
}
