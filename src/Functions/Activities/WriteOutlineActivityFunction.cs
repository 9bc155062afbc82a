using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Podcast.Activities;

namespace Pipeline.Functions.Activities;

/// <summary>Writes an episode's outline (<see cref="WriteOutlineActivity"/>).</summary>
public sealed class WriteOutlineActivityFunction(IServiceProvider services)
{
    [Function(nameof(WriteOutlineActivity))]
    public Task<OutlineSummary> Run([ActivityTrigger] OutlineInput input, FunctionContext context)
        => ActivatorUtilities.CreateInstance<WriteOutlineActivity>(services).RunAsync(input, context.CancellationToken);
}
