using Microsoft.Azure.Functions.Worker;
using Pipeline.Domain.Activities;
using Pipeline.Domain.Assets;
using Pipeline.Domain.Lecture;

namespace Pipeline.Functions.Activities;

/// <summary>Generates the lecture's music (<see cref="GenerateMusicActivity"/>).</summary>
public static class GenerateMusicActivityFunction
{
    [Function(nameof(GenerateMusicActivity))]
    public static Task<AssetOutcome> Run([ActivityTrigger] LectureAssetItem input, string instanceId, FunctionContext context)
        => context.Activate<GenerateMusicActivity>().RunAsync(new FunctionActivityContext(context, instanceId), input);
}
