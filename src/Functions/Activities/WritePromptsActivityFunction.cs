using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Activities;
using Pipeline.Domain.Assets;
using Pipeline.Domain.Lecture;

namespace Pipeline.Functions.Activities;

/// <summary>Writes the image prompts of one segment (<see cref="WritePromptsActivity"/>).</summary>
public sealed class WritePromptsActivityFunction(IServiceProvider services)
{
    [Function(nameof(WritePromptsActivity))]
    public Task<AssetOutcome> Run([ActivityTrigger] LectureAssetItem input, FunctionContext context)
        => ActivatorUtilities.CreateInstance<WritePromptsActivity>(services).RunAsync(input, context.CancellationToken);
}
