using Microsoft.Azure.Functions.Worker;
using Pipeline.Domain.Podcast.Activities;

namespace Pipeline.Functions.Activities;

/// <summary>Writes an episode's speaker-attributed script (<see cref="WriteScriptActivity"/>).</summary>
public static class WriteScriptActivityFunction
{
    [Function(nameof(WriteScriptActivity))]
    public static Task<ScriptSummary> Run([ActivityTrigger] ScriptInput input, string instanceId, FunctionContext context)
        => context.Activate<WriteScriptActivity>().RunAsync(new FunctionActivityContext(context, instanceId), input);
}
