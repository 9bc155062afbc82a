using Microsoft.Azure.Functions.Worker;
using Pipeline.Domain.Activities;
using Pipeline.Domain.Assets;
using Pipeline.Domain.Lecture;

namespace Pipeline.Functions.Activities;

/// <summary>Generates one image (<see cref="GenerateImageActivity"/>).</summary>
public static class GenerateImageActivityFunction
{
    [Function(nameof(GenerateImageActivity))]
    public static Task<AssetOutcome> Run([ActivityTrigger] LectureAssetItem input, string instanceId, FunctionContext context)
        => context.Activate<GenerateImageActivity>().RunAsync(new FunctionActivityContext(context, instanceId), input);
}
