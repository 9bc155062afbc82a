using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Podcast.Activities;

namespace Pipeline.Functions.Activities;

/// <summary>Concatenates an episode's segment audio and writes its transcript (<see cref="AssembleEpisodeActivity"/>).</summary>
public sealed class AssembleEpisodeActivityFunction(IServiceProvider services)
{
    [Function(nameof(AssembleEpisodeActivity))]
    public Task<EpisodeAssembly> Run([ActivityTrigger] AssemblyInput input, FunctionContext context)
        => ActivatorUtilities.CreateInstance<AssembleEpisodeActivity>(services).RunAsync(input, context.CancellationToken);
}
