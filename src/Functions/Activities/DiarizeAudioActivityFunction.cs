using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Podcast.Activities;

namespace Pipeline.Functions.Activities;

/// <summary>Finds who spoke when in a recording (<see cref="DiarizeAudioActivity"/>).</summary>
public sealed class DiarizeAudioActivityFunction(IServiceProvider services)
{
    [Function(nameof(DiarizeAudioActivity))]
    public Task<DiarizationSummary> Run([ActivityTrigger] DiarizationInput input, FunctionContext context)
        => ActivatorUtilities.CreateInstance<DiarizeAudioActivity>(services).RunAsync(input, context.CancellationToken);
}
