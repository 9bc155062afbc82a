using Microsoft.Azure.Functions.Worker;
using Pipeline.Domain.Activities;
using Pipeline.Domain.Assets;
using Pipeline.Domain.Lecture;

namespace Pipeline.Functions.Activities;

/// <summary>Writes the image prompts of one segment (<see cref="WritePromptsActivity"/>).</summary>
public static class WritePromptsActivityFunction
{
    [Function(nameof(WritePromptsActivity))]
    public static Task<AssetOutcome> Run([ActivityTrigger] LectureAssetItem input, string instanceId, FunctionContext context)
        => context.Activate<WritePromptsActivity>().RunAsync(new FunctionActivityContext(context, instanceId), input);
}
