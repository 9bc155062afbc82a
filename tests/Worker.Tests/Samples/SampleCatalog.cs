namespace Pipeline.Worker.Tests.Samples;

public static class SampleCatalog
{
    public static DurableTaskCatalog Create() => new DurableTaskCatalog()
        .AddOrchestrator<SampleWorkflow>()
        .AddOrchestrator<ChildWorkflow>()
        .AddOrchestrator<ScopeProbeWorkflow>()
        .AddOrchestrator<RetryWorkflow>()
        .AddOrchestrator<ResumableWorkflow>()
        .AddActivity<SquareActivity>()
        .AddActivity<ScopeProbeActivity>()
        .AddActivity<FlakyActivity>()
        .AddActivity<StepActivity>()
        .AddActivity<OtherStepActivity>()
        .AddEntity<CounterEntity>();

    /// <summary>The same catalog with <see cref="ResumableWorkflow"/>'s name bound to the changed code.</summary>
    public static DurableTaskCatalog CreateChanged() => new DurableTaskCatalog()
        .AddOrchestrator(nameof(ResumableWorkflow), typeof(ChangedResumableWorkflow))
        .AddActivity<StepActivity>()
        .AddActivity<OtherStepActivity>();
}
