using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using Pipeline.Domain.Podcast.Diarization;

namespace Pipeline.Domain.Podcast.Activities;

/// <summary>Reads which provider diarizes and how a hosted job is polled (<c>Pipeline:Diarization</c>), so the workflow's choice is in its history.</summary>
public sealed class PlanDiarizationActivity(IOptions<DiarizationOptions> options) : TaskActivity<string, DiarizationPlan>
{
    public override Task<DiarizationPlan> RunAsync(TaskActivityContext context, string input)
    {
        var settings = options.Value;
        return Task.FromResult(new DiarizationPlan(settings.Provider, settings.PollInterval, settings.Timeout));
    }
}
