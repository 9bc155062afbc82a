using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Lecture;

namespace Pipeline.Functions.Orchestrators;

/// <summary>A lecture-media job (<see cref="LectureMediaWorkflow"/>): instance id = job id.</summary>
public static class LectureMediaWorkflowFunction
{
    [Function(nameof(LectureMediaWorkflow))]
    public static Task<JobSummary> Run([OrchestrationTrigger] TaskOrchestrationContext context)
        => new LectureMediaWorkflow().RunAsync(context, context.GetInput<LectureMediaJob>()!);
}
