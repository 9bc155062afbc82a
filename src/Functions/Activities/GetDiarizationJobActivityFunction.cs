using Microsoft.Azure.Functions.Worker;
using Pipeline.Domain.Podcast.Activities;

namespace Pipeline.Functions.Activities;

/// <summary>Reads a hosted diarization job's status once, storing its result when it succeeded (<see cref="GetDiarizationJobActivity"/>).</summary>
public static class GetDiarizationJobActivityFunction
{
    [Function(nameof(GetDiarizationJobActivity))]
    public static Task<DiarizationJobPoll> Run([ActivityTrigger] DiarizationJobQuery input, string instanceId, FunctionContext context)
        => context.Activate<GetDiarizationJobActivity>().RunAsync(new FunctionActivityContext(context, instanceId), input);
}
