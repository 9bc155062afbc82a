using System.Text.Json;
using Pipeline.Domain.Assets;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Entities;
using Pipeline.Domain.Lecture;
using Pipeline.Domain.Media;
using Pipeline.Domain.Payloads;

namespace Pipeline.Domain.Activities;

/// <summary>Derives a segment's image prompts from its text and stores them as a small JSON blob the image activities read.</summary>
public sealed class WritePromptsActivity(IPromptWriter writer, LectureRequestStore requests, IBlobStore blobs) : AssetActivity<LectureAssetItem>
{
    protected override async Task<AssetOutcome> GenerateAsync(LectureAssetItem item, CancellationToken cancellationToken)
    {
        var request = await requests.GetAsync(item.JobId, cancellationToken).ConfigureAwait(false);
        var segment = request.Segment(item.SegmentIndex);
        var count = request.Options?.ImagesPerSegment ?? new LectureOptions().ImagesPerSegment;
        var prompts = await writer.WriteImagePromptsAsync(segment.Text!, count, cancellationToken).ConfigureAwait(false);
        using var body = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(prompts, JsonPayloadConverter.Options), writable: false);
        var stored = await blobs.PutAsync(BlobKey.ForAsset(item.JobId, item.Stage, item.AssetId, "json"), body, "application/json", cancellationToken).ConfigureAwait(false);
        return AssetOutcome.Succeeded(item.AssetId, item.Stage, stored);
    }
}
