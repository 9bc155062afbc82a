using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Pipeline.Domain.Workflows;

namespace Pipeline.Domain.Lecture;

/// <summary>
/// The lecture's custom status: every stage's progress in one small object (a few hundred bytes), updated after each
/// completion batch of any stage.
/// </summary>
internal sealed class LectureProgress(TaskOrchestrationContext context)
{
    private readonly SortedDictionary<string, int[]> _stages = new(StringComparer.Ordinal);

    public void Report(FanOutProgress progress)
    {
        _stages[progress.Stage] = [progress.Done, progress.Failed, progress.Total];
        context.SetCustomStatus(new { stages = _stages });
    }
}
