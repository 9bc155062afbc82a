using Microsoft.Azure.Functions.Worker;
using Pipeline.Domain.Activities;
using Pipeline.Domain.Assets;
using Pipeline.Domain.Lecture;

namespace Pipeline.Functions.Activities;

/// <summary>Narrates one segment (<see cref="GenerateNarrationActivity"/>).</summary>
public static class GenerateNarrationActivityFunction
{
    [Function(nameof(GenerateNarrationActivity))]
    public static Task<AssetOutcome> Run([ActivityTrigger] LectureAssetItem input, string instanceId, FunctionContext context)
        => context.Activate<GenerateNarrationActivity>().RunAsync(new FunctionActivityContext(context, instanceId), input);
}
