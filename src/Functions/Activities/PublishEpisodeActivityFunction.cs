using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Podcast.Activities;

namespace Pipeline.Functions.Activities;

/// <summary>Publishes an episode to the job record (<see cref="PublishEpisodeActivity"/>).</summary>
public sealed class PublishEpisodeActivityFunction(IServiceProvider services)
{
    [Function(nameof(PublishEpisodeActivity))]
    public Task<bool> Run([ActivityTrigger] EpisodePublication input, FunctionContext context)
        => ActivatorUtilities.CreateInstance<PublishEpisodeActivity>(services).RunAsync(input, context.CancellationToken);
}
