using Microsoft.Azure.Functions.Worker;
using Pipeline.Domain.Podcast.Activities;

namespace Pipeline.Functions.Activities;

/// <summary>Concatenates an episode's segment audio and writes its transcript (<see cref="AssembleEpisodeActivity"/>).</summary>
public static class AssembleEpisodeActivityFunction
{
    [Function(nameof(AssembleEpisodeActivity))]
    public static Task<EpisodeAssembly> Run([ActivityTrigger] AssemblyInput input, string instanceId, FunctionContext context)
        => context.Activate<AssembleEpisodeActivity>().RunAsync(new FunctionActivityContext(context, instanceId), input);
}
