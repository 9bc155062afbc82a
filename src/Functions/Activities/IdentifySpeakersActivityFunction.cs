using Microsoft.Azure.Functions.Worker;
using Pipeline.Domain.Podcast.Activities;

namespace Pipeline.Functions.Activities;

/// <summary>Maps speaker clusters to known speakers (<see cref="IdentifySpeakersActivity"/>).</summary>
public static class IdentifySpeakersActivityFunction
{
    [Function(nameof(IdentifySpeakersActivity))]
    public static Task<IdentificationSummary> Run([ActivityTrigger] IdentificationInput input, string instanceId, FunctionContext context)
        => context.Activate<IdentifySpeakersActivity>().RunAsync(new FunctionActivityContext(context, instanceId), input);
}
