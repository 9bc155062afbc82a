using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Activities;
using Pipeline.Domain.Lecture;

namespace Pipeline.Functions.Activities;

/// <summary>Stores a lecture request and marks its job Running (<see cref="StartLectureJobActivity"/>).</summary>
public sealed class StartLectureJobActivityFunction(IServiceProvider services)
{
    [Function(nameof(StartLectureJobActivity))]
    public Task<LectureSettings> Run([ActivityTrigger] LectureJobStart input, FunctionContext context)
        => ActivatorUtilities.CreateInstance<StartLectureJobActivity>(services).RunAsync(input, context.CancellationToken);
}
