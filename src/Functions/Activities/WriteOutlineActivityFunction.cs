using Microsoft.Azure.Functions.Worker;
using Pipeline.Domain.Podcast.Activities;

namespace Pipeline.Functions.Activities;

/// <summary>Writes an episode's outline (<see cref="WriteOutlineActivity"/>).</summary>
public static class WriteOutlineActivityFunction
{
    [Function(nameof(WriteOutlineActivity))]
    public static Task<OutlineSummary> Run([ActivityTrigger] OutlineInput input, string instanceId, FunctionContext context)
        => context.Activate<WriteOutlineActivity>().RunAsync(new FunctionActivityContext(context, instanceId), input);
}
