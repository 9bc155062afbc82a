using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Assets;
using Pipeline.Domain.Podcast.Activities;

namespace Pipeline.Functions.Activities;

/// <summary>Voices one script segment (<see cref="SynthesizeSegmentActivity"/>).</summary>
public sealed class SynthesizeSegmentActivityFunction(IServiceProvider services)
{
    [Function(nameof(SynthesizeSegmentActivity))]
    public Task<AssetOutcome> Run([ActivityTrigger] SegmentSynthesis input, FunctionContext context)
        => ActivatorUtilities.CreateInstance<SynthesizeSegmentActivity>(services).RunAsync(input, context.CancellationToken);
}
