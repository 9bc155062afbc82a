using Pipeline.Domain.Assets;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Pipeline.Domain.Media;
using Pipeline.Domain.Payloads;

namespace Pipeline.Domain.Podcast.Activities;

/// <summary>The outline stage: writes the outline, stores it as a blob and returns its reference.</summary>
public sealed class WriteOutlineActivity(IPodcastScriptWriter writer, IBlobStore blobs) : TaskActivity<OutlineInput, OutlineSummary>
{
    public override async Task<OutlineSummary> RunAsync(TaskActivityContext context, OutlineInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        PodcastOutline outline;
        try
        {
            outline = await writer.WriteOutlineAsync(input.Request, CancellationToken.None);
        }
        catch (GenerationException ex)
        {
            throw AssetFailures.From(PodcastStage.Outline, ex);
        }

        var blob = await JsonBlob.PutAsync(blobs, PodcastBlobKeys.Outline(input.JobId), outline, CancellationToken.None);
        return new OutlineSummary(blob, outline.Title, outline.Description, outline.Sections.Count);
    }
}
