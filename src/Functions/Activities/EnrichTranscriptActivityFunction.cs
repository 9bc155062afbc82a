using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Podcast.Activities;

namespace Pipeline.Functions.Activities;

/// <summary>Merges diarized segments with speakers and the transcript (<see cref="EnrichTranscriptActivity"/>).</summary>
public sealed class EnrichTranscriptActivityFunction(IServiceProvider services)
{
    [Function(nameof(EnrichTranscriptActivity))]
    public Task<EnrichmentSummary> Run([ActivityTrigger] EnrichmentInput input, FunctionContext context)
        => ActivatorUtilities.CreateInstance<EnrichTranscriptActivity>(services).RunAsync(input, context.CancellationToken);
}
