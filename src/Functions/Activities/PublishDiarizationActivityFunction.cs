using Microsoft.Azure.Functions.Worker;
using Pipeline.Domain.Podcast.Activities;

namespace Pipeline.Functions.Activities;

/// <summary>Publishes a diarization result to the job record (<see cref="PublishDiarizationActivity"/>).</summary>
public static class PublishDiarizationActivityFunction
{
    [Function(nameof(PublishDiarizationActivity))]
    public static Task<bool> Run([ActivityTrigger] DiarizationPublication input, string instanceId, FunctionContext context)
        => context.Activate<PublishDiarizationActivity>().RunAsync(new FunctionActivityContext(context, instanceId), input);
}
