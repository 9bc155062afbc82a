using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Activities;
using Pipeline.Domain.Assets;
using Pipeline.Domain.Lecture;

namespace Pipeline.Functions.Activities;

/// <summary>Generates one image (<see cref="GenerateImageActivity"/>).</summary>
public sealed class GenerateImageActivityFunction(IServiceProvider services)
{
    [Function(nameof(GenerateImageActivity))]
    public Task<AssetOutcome> Run([ActivityTrigger] LectureAssetItem input, FunctionContext context)
        => ActivatorUtilities.CreateInstance<GenerateImageActivity>(services).RunAsync(input, context.CancellationToken);
}
