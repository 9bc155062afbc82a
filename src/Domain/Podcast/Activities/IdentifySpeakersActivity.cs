using Pipeline.Domain.Assets;
using Pipeline.Domain.Durable;
using Pipeline.Domain.Media;
using Pipeline.Domain.Payloads;
using Pipeline.Domain.Podcast.Diarization;

namespace Pipeline.Domain.Podcast.Activities;

/// <summary>The identification stage: names the stored clusters from the registry, stores the matches, returns counts.</summary>
public sealed class IdentifySpeakersActivity(ISpeakerIdentifier identifier, IBlobStore blobs) : Activity<IdentificationInput, IdentificationSummary>
{
    public override async Task<IdentificationSummary> RunAsync(IdentificationInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var diarization = await JsonBlob.GetAsync<DiarizationResult>(blobs, input.DiarizationKey, cancellationToken);
        IReadOnlyList<SpeakerMatch> matches;
        try
        {
            matches = await identifier.IdentifyAsync(diarization.Speakers, input.Registry, cancellationToken);
        }
        catch (GenerationException ex)
        {
            throw AssetFailures.From(DiarizationStage.Identification, ex);
        }

        var blob = await JsonBlob.PutAsync(blobs, DiarizationBlobKeys.Speakers(input.JobId), matches, cancellationToken);
        return new IdentificationSummary(blob, matches.Count, matches.Count(m => m.Name is not null));
    }
}
