using Microsoft.Azure.Functions.Worker;
using Pipeline.Domain.Podcast.Activities;

namespace Pipeline.Functions.Activities;

/// <summary>Finds who spoke when in a recording (<see cref="DiarizeAudioActivity"/>).</summary>
public static class DiarizeAudioActivityFunction
{
    [Function(nameof(DiarizeAudioActivity))]
    public static Task<DiarizationSummary> Run([ActivityTrigger] DiarizationInput input, string instanceId, FunctionContext context)
        => context.Activate<DiarizeAudioActivity>().RunAsync(new FunctionActivityContext(context, instanceId), input);
}
