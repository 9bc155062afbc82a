using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Pipeline.Domain.Payloads;
using Pipeline.Domain.Status;

namespace Pipeline.Domain.Tests.Status;

/// <summary>
/// Runs operations on one job-status entity the way the durable host does: a fresh entity per operation, state kept
/// as JSON between operations, and a failed operation's state discarded.
/// </summary>
internal sealed class JobStatusEntityHost(string jobId, StatusTestBlobStore blobs, int thresholdBytes = JobStatusOptions.DefaultOverflowThresholdBytes)
{
    public string JobId { get; } = jobId;

    public StatusTestBlobStore Blobs { get; } = blobs;

    public int ThresholdBytes { get; } = thresholdBytes;

    /// <summary>The persisted state; null while the entity does not exist.</summary>
    public string? StateJson { get; set; }

    public int StateBytes => StateJson is null ? 0 : Encoding.UTF8.GetByteCount(StateJson);

    /// <summary>Bytes of state the host wrote, summed over every committed operation.</summary>
    public long StateBytesWritten { get; private set; }

    public JobStatusState State
        => JsonSerializer.Deserialize<JobStatusState>(StateJson ?? throw new InvalidOperationException("The entity has no state."), JsonPayloadConverter.Options)!;

    public void Seed(JobStatusState state) => StateJson = JsonSerializer.Serialize(state, JsonPayloadConverter.Options);

    public async Task<TResult?> CallAsync<TResult>(string operation, object? input = null)
    {
        var result = await CallAsync(operation, input);
        return result is null
            ? default
            : JsonSerializer.Deserialize<TResult>(JsonSerializer.Serialize(result, result.GetType(), JsonPayloadConverter.Options), JsonPayloadConverter.Options);
    }

    public async Task<object?> CallAsync(string operation, object? input = null)
    {
        var entity = new JobStatusEntity(Blobs, Options.Create(new JobStatusOptions { OverflowThresholdBytes = ThresholdBytes }));
        var inputJson = input is null ? null : JsonSerializer.Serialize(input, input.GetType(), JsonPayloadConverter.Options);
        var op = new JsonEntityOperation(operation, JobStatusEntity.IdFor(JobId), inputJson, StateJson);
        var result = await entity.RunAsync(op);
        if (op.StateWasSet)
        {
            StateJson = op.NewStateJson;
            StateBytesWritten += StateBytes;
        }

        return result;
    }

    public async Task<List<StepRecord>> ReadLogAsync()
    {
        var steps = new List<StepRecord>();
        await foreach (var step in new StepLogReader(Blobs).ReadAsync(State))
        {
            steps.Add(step);
        }

        return steps;
    }
}
