using Microsoft.Azure.Functions.Worker;
using Pipeline.Domain.Podcast.Activities;

namespace Pipeline.Functions.Activities;

/// <summary>Starts a hosted diarization job (<see cref="StartDiarizationJobActivity"/>).</summary>
public static class StartDiarizationJobActivityFunction
{
    [Function(nameof(StartDiarizationJobActivity))]
    public static Task<string> Run([ActivityTrigger] DiarizationJobStart input, string instanceId, FunctionContext context)
        => context.Activate<StartDiarizationJobActivity>().RunAsync(new FunctionActivityContext(context, instanceId), input);
}
