using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Podcast.Activities;

namespace Pipeline.Functions.Activities;

/// <summary>Writes an episode's speaker-attributed script (<see cref="WriteScriptActivity"/>).</summary>
public sealed class WriteScriptActivityFunction(IServiceProvider services)
{
    [Function(nameof(WriteScriptActivity))]
    public Task<ScriptSummary> Run([ActivityTrigger] ScriptInput input, FunctionContext context)
        => ActivatorUtilities.CreateInstance<WriteScriptActivity>(services).RunAsync(input, context.CancellationToken);
}
