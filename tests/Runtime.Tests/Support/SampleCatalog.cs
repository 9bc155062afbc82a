using Pipeline.Domain.Durable;
using Pipeline.Runtime.Tests.Samples;

namespace Pipeline.Runtime.Tests.Support;

internal static class SampleCatalog
{
    public static DurableCatalog Create() => new DurableCatalog()
        .AddActivity<EchoActivity>()
        .AddActivity<OtherActivity>()
        .AddActivity<FlakyActivity>()
        .AddActivity<RejectActivity>()
        .AddActivity<GatedActivity>()
        .AddWorkflow<SequenceThenFanOutWorkflow>()
        .AddWorkflow<RetryWorkflow>()
        .AddWorkflow<PermanentFailureWorkflow>()
        .AddWorkflow<VersionOneWorkflow>()
        .AddWorkflow<ParentWorkflow>()
        .AddWorkflow<ChildWorkflow>()
        .AddWorkflow<TimerWorkflow>()
        .AddWorkflow<ApprovalWorkflow>()
        .AddWorkflow<CountdownWorkflow>()
        .AddWorkflow<GatedSequenceWorkflow>()
        .AddWorkflow<EntityWorkflow>()
        .AddWorkflow<GuidWorkflow>()
        .AddEntity<CounterEntity>();
}
