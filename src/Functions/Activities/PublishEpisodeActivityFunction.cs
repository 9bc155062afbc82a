using Microsoft.Azure.Functions.Worker;
using Pipeline.Domain.Podcast.Activities;

namespace Pipeline.Functions.Activities;

/// <summary>Publishes an episode to the job record (<see cref="PublishEpisodeActivity"/>).</summary>
public static class PublishEpisodeActivityFunction
{
    [Function(nameof(PublishEpisodeActivity))]
    public static Task<bool> Run([ActivityTrigger] EpisodePublication input, string instanceId, FunctionContext context)
        => context.Activate<PublishEpisodeActivity>().RunAsync(new FunctionActivityContext(context, instanceId), input);
}
