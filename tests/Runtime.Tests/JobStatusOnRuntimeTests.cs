using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Durable;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Payloads;
using Pipeline.Domain.Status;
using Pipeline.Runtime.Tests.Samples;
using Pipeline.Runtime.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Runtime.Tests;

public sealed class JobStatusOnRuntimeTests
{
    [Fact]
    public async Task Workflow_DrivesStatusEntityThroughAJob_ClientSeesProgressAfterEachBatch()
    {
        var blobs = new InMemoryBlobStore();
        var catalog = SampleCatalog.Create().AddWorkflow<StatusDrivingWorkflow>().AddEntity<JobStatusEntity>();
        await using var host = new TestRuntime(catalog, services: s => s
            .AddSingleton<IBlobStore>(blobs)
            .AddOptions<JobStatusOptions>().Configure(o => o.OverflowThresholdBytes = 4 * 1024));
        const string jobId = "status-job-1";
        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(StatusDrivingWorkflow), new[] { 100, 10 }, new StartOrchestrationOptions(jobId));

        var seen = new List<int>();
        while (true)
        {
            await host.Runtime.WaitForIdleAsync();
            var state = (await host.Client.Entities.GetEntityAsync<JobStatusState>(JobStatusEntity.IdFor(jobId)))!.State;
            seen.Add(state.Stages.Single().Succeeded);
            if (state.Status == JobStatus.Completed)
            {
                break;
            }

            host.Clock.SetUtcNow(host.Runtime.NextTimerDue!.Value);
        }

        Assert.Equal(Enumerable.Range(1, 10).Select(b => b * 10), seen.Distinct());
        var final = (await host.Client.Entities.GetEntityAsync<JobStatusState>(JobStatusEntity.IdFor(jobId)))!.State;
        Assert.NotEmpty(final.Segments);
        var log = new List<StepRecord>();
        await foreach (var step in new StepLogReader(blobs).ReadAsync(final))
        {
            log.Add(step);
        }

        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), log.Select(s => s.Sequence));
    }
}
