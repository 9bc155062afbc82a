using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Podcast.Activities;

namespace Pipeline.Functions.Activities;

/// <summary>Publishes a diarization result to the job record (<see cref="PublishDiarizationActivity"/>).</summary>
public sealed class PublishDiarizationActivityFunction(IServiceProvider services)
{
    [Function(nameof(PublishDiarizationActivity))]
    public Task<bool> Run([ActivityTrigger] DiarizationPublication input, FunctionContext context)
        => ActivatorUtilities.CreateInstance<PublishDiarizationActivity>(services).RunAsync(input, context.CancellationToken);
}
