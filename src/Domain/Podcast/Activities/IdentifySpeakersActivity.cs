using Pipeline.Domain.Assets;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Pipeline.Domain.Media;
using Pipeline.Domain.Payloads;
using Pipeline.Domain.Podcast.Diarization;

namespace Pipeline.Domain.Podcast.Activities;

/// <summary>The identification stage: names the stored clusters from the registry, stores the matches, returns counts.</summary>
public sealed class IdentifySpeakersActivity(ISpeakerIdentifier identifier, IBlobStore blobs) : TaskActivity<IdentificationInput, IdentificationSummary>
{
    public override async Task<IdentificationSummary> RunAsync(TaskActivityContext context, IdentificationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var diarization = await JsonBlob.GetAsync<DiarizationResult>(blobs, input.DiarizationKey, CancellationToken.None);
        IReadOnlyList<SpeakerMatch> matches;
        try
        {
            matches = await identifier.IdentifyAsync(diarization.Speakers, input.Registry, CancellationToken.None);
        }
        catch (GenerationException ex)
        {
            throw AssetFailures.From(DiarizationStage.Identification, ex);
        }

        var blob = await JsonBlob.PutAsync(blobs, DiarizationBlobKeys.Speakers(input.JobId), matches, CancellationToken.None);
        return new IdentificationSummary(blob, matches.Count, matches.Count(m => m.Name is not null));
    }
}
