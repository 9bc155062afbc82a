using Microsoft.Azure.Functions.Worker;
using Pipeline.Domain.Assets;
using Pipeline.Domain.Podcast.Activities;

namespace Pipeline.Functions.Activities;

/// <summary>Voices one script segment (<see cref="SynthesizeSegmentActivity"/>).</summary>
public static class SynthesizeSegmentActivityFunction
{
    [Function(nameof(SynthesizeSegmentActivity))]
    public static Task<AssetOutcome> Run([ActivityTrigger] SegmentSynthesis input, string instanceId, FunctionContext context)
        => context.Activate<SynthesizeSegmentActivity>().RunAsync(new FunctionActivityContext(context, instanceId), input);
}
