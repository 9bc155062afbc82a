using Microsoft.Azure.Functions.Worker;
using Pipeline.Domain.Podcast.Activities;

namespace Pipeline.Functions.Activities;

/// <summary>Merges diarized segments with speakers and the transcript (<see cref="EnrichTranscriptActivity"/>).</summary>
public static class EnrichTranscriptActivityFunction
{
    [Function(nameof(EnrichTranscriptActivity))]
    public static Task<EnrichmentSummary> Run([ActivityTrigger] EnrichmentInput input, string instanceId, FunctionContext context)
        => context.Activate<EnrichTranscriptActivity>().RunAsync(new FunctionActivityContext(context, instanceId), input);
}
