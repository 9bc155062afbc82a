using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Activities;
using Pipeline.Domain.Assets;
using Pipeline.Domain.Lecture;

namespace Pipeline.Functions.Activities;

/// <summary>Generates one segment's video from its starting image (<see cref="GenerateVideoActivity"/>).</summary>
public sealed class GenerateVideoActivityFunction(IServiceProvider services)
{
    [Function(nameof(GenerateVideoActivity))]
    public Task<AssetOutcome> Run([ActivityTrigger] LectureAssetItem input, FunctionContext context)
        => ActivatorUtilities.CreateInstance<GenerateVideoActivity>(services).RunAsync(input, context.CancellationToken);
}
