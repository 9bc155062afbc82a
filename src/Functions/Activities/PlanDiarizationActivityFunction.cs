using Microsoft.Azure.Functions.Worker;
using Pipeline.Domain.Podcast.Activities;
using Pipeline.Domain.Podcast.Diarization;

namespace Pipeline.Functions.Activities;

/// <summary>Reads which provider diarizes and how a hosted job is polled (<see cref="PlanDiarizationActivity"/>).</summary>
public static class PlanDiarizationActivityFunction
{
    [Function(nameof(PlanDiarizationActivity))]
    public static Task<DiarizationPlan> Run([ActivityTrigger] string input, string instanceId, FunctionContext context)
        => context.Activate<PlanDiarizationActivity>().RunAsync(new FunctionActivityContext(context, instanceId), input);
}
