using Microsoft.Azure.Functions.Worker;
using Pipeline.Domain.Activities;
using Pipeline.Domain.Lecture;

namespace Pipeline.Functions.Activities;

/// <summary>Stores a lecture request and marks its job Running (<see cref="StartLectureJobActivity"/>).</summary>
public static class StartLectureJobActivityFunction
{
    [Function(nameof(StartLectureJobActivity))]
    public static Task<LectureSettings> Run([ActivityTrigger] LectureJobStart input, string instanceId, FunctionContext context)
        => context.Activate<StartLectureJobActivity>().RunAsync(new FunctionActivityContext(context, instanceId), input);
}
