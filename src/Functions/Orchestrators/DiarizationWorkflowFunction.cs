using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Pipeline.Domain.Podcast.Activities;
using Pipeline.Domain.Podcast.Diarization;
using Pipeline.Domain.Podcast.Workflows;

namespace Pipeline.Functions.Orchestrators;

/// <summary>A diarization job (<see cref="DiarizationWorkflow"/>): instance id = job id.</summary>
public static class DiarizationWorkflowFunction
{
    [Function(nameof(DiarizationWorkflow))]
    public static Task<EnrichmentSummary> Run([OrchestrationTrigger] TaskOrchestrationContext context)
        => new DiarizationWorkflow().RunAsync(context, context.GetInput<DiarizationJob>()!);
}
