using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Activities;
using Pipeline.Domain.Assets;
using Pipeline.Domain.Lecture;

namespace Pipeline.Functions.Activities;

/// <summary>Generates the lecture's music (<see cref="GenerateMusicActivity"/>).</summary>
public sealed class GenerateMusicActivityFunction(IServiceProvider services)
{
    [Function(nameof(GenerateMusicActivity))]
    public Task<AssetOutcome> Run([ActivityTrigger] LectureAssetItem input, FunctionContext context)
        => ActivatorUtilities.CreateInstance<GenerateMusicActivity>(services).RunAsync(input, context.CancellationToken);
}
