using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Pipeline.Domain.Payloads;
using Pipeline.Domain.Podcast.Diarization;

namespace Pipeline.Domain.Podcast.Activities;

/// <summary>
/// The enrichment stage: merges segments with speaker names. With a transcript, each transcript line gets the diarized
/// speaker that overlaps it most in time; without one, each diarized segment becomes a line. Stores the result first.
/// </summary>
public sealed class EnrichTranscriptActivity(IBlobStore blobs) : TaskActivity<EnrichmentInput, EnrichmentSummary>
{
    public override async Task<EnrichmentSummary> RunAsync(TaskActivityContext context, EnrichmentInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var diarization = await JsonBlob.GetAsync<DiarizationResult>(blobs, input.DiarizationKey, CancellationToken.None);
        var matches = await JsonBlob.GetAsync<List<SpeakerMatch>>(blobs, input.IdentificationKey, CancellationToken.None);
        var transcript = input.TranscriptKey is { } key ? await JsonBlob.GetAsync<EpisodeTranscript>(blobs, key, CancellationToken.None) : null;

        var enriched = TranscriptAlignment.Enrich(diarization, matches, transcript);
        var blob = await JsonBlob.PutAsync(blobs, DiarizationBlobKeys.Transcript(input.JobId), enriched, CancellationToken.None);
        return new EnrichmentSummary(blob, enriched.Segments.Count, enriched.Aligned ? enriched.Segments.Count(s => s.Label.Length > 0) : 0);
    }
}
