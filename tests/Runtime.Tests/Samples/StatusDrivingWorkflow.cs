using Pipeline.Domain.Assets;
using Pipeline.Domain.Durable;
using Pipeline.Domain.Status;

namespace Pipeline.Runtime.Tests.Samples;

/// <summary>
/// Drives a job's status entity the way the stage workflows do: start, a stage, one RecordSteps signal per completion
/// batch (a durable timer between batches), stage completed, job completed.
/// </summary>
internal sealed class StatusDrivingWorkflow : Workflow<int[], int>
{
    public override async Task<int> RunAsync(IOrchestrationContext context, int[] input)
    {
        var (assets, batchSize) = (input[0], input[1]);
        var status = JobStatusEntity.IdFor(context.InstanceId);
        await context.Entities.SignalEntityAsync(status, nameof(JobStatusEntity.Start), new StartJob { JobType = "test", At = context.CurrentUtcDateTime });
        await context.Entities.SignalEntityAsync(status, nameof(JobStatusEntity.StageStarted), new StageStarted { Stage = "images", Total = assets, At = context.CurrentUtcDateTime });
        var sequence = 0L;
        for (var first = 0; first < assets; first += batchSize)
        {
            var ids = Enumerable.Range(first, Math.Min(batchSize, assets - first)).Select(i => $"asset-{i}").ToList();
            var outcomes = await Task.WhenAll(ids.Select(id => context.CallActivityAsync<string>(nameof(EchoActivity), id)));
            var steps = ids.Select((id, i) => new StepRecord
            {
                Sequence = ++sequence,
                Stage = "images",
                Name = nameof(EchoActivity),
                AssetId = id,
                Status = AssetStatus.Succeeded,
                EndedAt = context.CurrentUtcDateTime,
            }).ToList();
            await context.Entities.SignalEntityAsync(status, nameof(JobStatusEntity.RecordSteps), new RecordStepsBatch { Source = context.InstanceId, Steps = steps });
            await context.CreateTimer(TimeSpan.FromMinutes(1), CancellationToken.None);
        }

        await context.Entities.SignalEntityAsync(status, nameof(JobStatusEntity.StageCompleted), new StageCompleted { Stage = "images", At = context.CurrentUtcDateTime });
        await context.Entities.SignalEntityAsync(status, nameof(JobStatusEntity.Complete), new CompleteJob { At = context.CurrentUtcDateTime });
        return (int)sequence;
    }
}
