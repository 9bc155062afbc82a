using Microsoft.Azure.Functions.Worker;
using Pipeline.Domain.Activities;
using Pipeline.Domain.Assets;
using Pipeline.Domain.Lecture;

namespace Pipeline.Functions.Activities;

/// <summary>Generates one segment's video from its starting image (<see cref="GenerateVideoActivity"/>).</summary>
public static class GenerateVideoActivityFunction
{
    [Function(nameof(GenerateVideoActivity))]
    public static Task<AssetOutcome> Run([ActivityTrigger] LectureAssetItem input, string instanceId, FunctionContext context)
        => context.Activate<GenerateVideoActivity>().RunAsync(new FunctionActivityContext(context, instanceId), input);
}
