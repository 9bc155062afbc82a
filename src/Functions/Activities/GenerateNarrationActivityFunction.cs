using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Activities;
using Pipeline.Domain.Assets;
using Pipeline.Domain.Lecture;

namespace Pipeline.Functions.Activities;

/// <summary>Narrates one segment (<see cref="GenerateNarrationActivity"/>).</summary>
public sealed class GenerateNarrationActivityFunction(IServiceProvider services)
{
    [Function(nameof(GenerateNarrationActivity))]
    public Task<AssetOutcome> Run([ActivityTrigger] LectureAssetItem input, FunctionContext context)
        => ActivatorUtilities.CreateInstance<GenerateNarrationActivity>(services).RunAsync(input, context.CancellationToken);
}
