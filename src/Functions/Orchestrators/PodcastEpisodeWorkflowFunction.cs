using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Pipeline.Domain.Podcast;
using Pipeline.Domain.Podcast.Activities;
using Pipeline.Domain.Podcast.Workflows;

namespace Pipeline.Functions.Orchestrators;

/// <summary>A podcast-episode job (<see cref="PodcastEpisodeWorkflow"/>): instance id = job id.</summary>
public static class PodcastEpisodeWorkflowFunction
{
    [Function(nameof(PodcastEpisodeWorkflow))]
    public static Task<EpisodeAssembly> Run([OrchestrationTrigger] TaskOrchestrationContext context)
        => new PodcastEpisodeWorkflow().RunAsync(context, context.GetInput<PodcastEpisodeJob>()!);
}
