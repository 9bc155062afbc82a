using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Podcast.Activities;

namespace Pipeline.Functions.Activities;

/// <summary>Maps speaker clusters to known speakers (<see cref="IdentifySpeakersActivity"/>).</summary>
public sealed class IdentifySpeakersActivityFunction(IServiceProvider services)
{
    [Function(nameof(IdentifySpeakersActivity))]
    public Task<IdentificationSummary> Run([ActivityTrigger] IdentificationInput input, FunctionContext context)
        => ActivatorUtilities.CreateInstance<IdentifySpeakersActivity>(services).RunAsync(input, context.CancellationToken);
}
