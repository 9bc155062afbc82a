using Microsoft.Azure.Functions.Worker;
using Pipeline.Domain.Podcast.Activities;

namespace Pipeline.Functions.Activities;

/// <summary>Uploads a recording to the hosted diarization provider (<see cref="UploadDiarizationMediaActivity"/>).</summary>
public static class UploadDiarizationMediaActivityFunction
{
    [Function(nameof(UploadDiarizationMediaActivity))]
    public static Task<string> Run([ActivityTrigger] DiarizationInput input, string instanceId, FunctionContext context)
        => context.Activate<UploadDiarizationMediaActivity>().RunAsync(new FunctionActivityContext(context, instanceId), input);
}
