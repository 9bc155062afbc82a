using Pipeline.Domain.Assets;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Pipeline.Domain.Media;
using Pipeline.Domain.Payloads;

namespace Pipeline.Domain.Podcast.Activities;

/// <summary>
/// The script stage: reads the stored outline, writes the speaker-attributed script, checks it can be voiced, stores
/// it as a blob and returns its reference with the segment count.
/// </summary>
public sealed class WriteScriptActivity(IPodcastScriptWriter writer, IBlobStore blobs) : TaskActivity<ScriptInput, ScriptSummary>
{
    public override async Task<ScriptSummary> RunAsync(TaskActivityContext context, ScriptInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var outline = await JsonBlob.GetAsync<PodcastOutline>(blobs, input.Outline.Key, CancellationToken.None);
        PodcastScript script;
        try
        {
            script = await writer.WriteScriptAsync(input.Request, outline, CancellationToken.None);
        }
        catch (GenerationException ex)
        {
            throw AssetFailures.From(PodcastStage.Script, ex);
        }

        if (script.Problem() is { } problem)
        {
            throw new PermanentAssetException(PodcastStage.Script, $"The script cannot be voiced: {problem}");
        }

        var blob = await JsonBlob.PutAsync(blobs, PodcastBlobKeys.Script(input.JobId), script, CancellationToken.None);
        return new ScriptSummary(blob, script.Lines.Count, script.Speakers.Count);
    }
}
