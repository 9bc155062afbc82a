using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Pipeline.Domain.Assets;
using Pipeline.Domain.Durable;
using Pipeline.Domain.Payloads;
using Pipeline.Domain.Status;

using Pipeline.Testing;

namespace Pipeline.Bench;

/// <summary>
/// Bytes written to keep a job's execution-step log: the status entity that seals the oldest half of its tail into
/// immutable segments, against the design that rewrites the whole log to one blob on every update. Both record the
/// same steps in the same batches in one run; every state write the host would make is counted too.
/// </summary>
public static class StatusOverflowBenchmark
{
    private const int StepCount = 10_000;
    private const int BatchSize = 50;
    private const string JobId = "bench-status-0001";

    public static async Task RunAsync(TextWriter output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        var steps = CreateSteps();
        var stepBytes = steps.Sum(s => (long)JsonSerializer.SerializeToUtf8Bytes(s, JsonPayloadConverter.Options).Length);

        var blobs = new InMemoryBlobStore();
        var options = Options.Create(new JobStatusOptions());
        var entityId = JobStatusEntity.IdFor(JobId);
        string? stateJson = null;
        long overflowStateBytes = 0;
        var maxStateBytes = 0;

        var baselineLog = new List<StepRecord>();
        long baselineBlobBytes = 0;
        long baselineStateBytes = 0;

        foreach (var batch in steps.Chunk(BatchSize))
        {
            ct.ThrowIfCancellationRequested();

            // Overflow design: one entity operation, as the host runs it, state persisted as JSON.
            var operation = new JsonOperation(nameof(JobStatusEntity.RecordSteps), entityId, new RecordStepsBatch { Source = JobId, Steps = batch }, stateJson);
            await new JobStatusEntity(blobs, options).RunAsync(operation);
            stateJson = operation.StateJson;
            var stateBytes = Encoding.UTF8.GetByteCount(stateJson!);
            overflowStateBytes += stateBytes;
            maxStateBytes = Math.Max(maxStateBytes, stateBytes);

            // Baseline: the whole log rewritten to one blob, and the state (same job and stage fields) pointing at it.
            baselineLog.AddRange(batch);
            var logBytes = SizeOf(baselineLog);
            baselineBlobBytes += logBytes;
            var state = JsonSerializer.Deserialize<JobStatusState>(stateJson!, JsonPayloadConverter.Options)!;
            state.Steps = [];
            state.Segments =
            [
                new StepSegmentRef
                {
                    FirstSequence = 1,
                    LastSequence = batch[^1].Sequence,
                    Count = baselineLog.Count,
                    Blob = new BlobRef($"jobs/{JobId}/execution_steps.json", logBytes, "application/json", new string('0', 64)),
                },
            ];
            baselineStateBytes += SizeOf(state);
        }

        var final = JsonSerializer.Deserialize<JobStatusState>(stateJson!, JsonPayloadConverter.Options)!;
        var read = 0L;
        await foreach (var step in new StepLogReader(blobs).ReadAsync(final, ct))
        {
            if (step.Sequence != ++read)
            {
                throw new InvalidOperationException($"The log read back step {step.Sequence} where {read} was expected.");
            }
        }

        if (read != StepCount)
        {
            throw new InvalidOperationException($"The log read back {read} steps of {StepCount}.");
        }

        var overflowTotal = overflowStateBytes + blobs.BytesWritten;
        var baselineTotal = baselineStateBytes + baselineBlobBytes;
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"status overflow: {StepCount:N0} steps in batches of {BatchSize}, threshold {JobStatusOptions.DefaultOverflowThresholdBytes:N0} bytes, {stepBytes / (double)StepCount:F0} bytes per serialised step"));
        output.WriteLine(string.Create(c, $"{"design",-34} {"state bytes",14} {"blob bytes",14} {"total bytes",14} {"bytes/step",11}"));
        output.WriteLine(string.Create(c, $"{"overflow segments",-34} {overflowStateBytes,14:N0} {blobs.BytesWritten,14:N0} {overflowTotal,14:N0} {overflowTotal / (double)StepCount,11:N0}"));
        output.WriteLine(string.Create(c, $"{"rewrite whole log (baseline)",-34} {baselineStateBytes,14:N0} {baselineBlobBytes,14:N0} {baselineTotal,14:N0} {baselineTotal / (double)StepCount,11:N0}"));
        output.WriteLine(string.Create(c, $"ratio baseline / overflow: {baselineTotal / (double)overflowTotal:F1}x total, {baselineBlobBytes / (double)blobs.BytesWritten:F1}x blob bytes"));
        output.WriteLine(string.Create(c, $"overflow: blob bytes per step {blobs.BytesWritten / (double)stepBytes:F3}x the step's own size; {blobs.Writes} segment writes; {final.Segments.Count} references in state; largest state {maxStateBytes:N0} bytes; log read back complete and in order"));
    }

    private static List<StepRecord> CreateSteps()
        => [.. Enumerable.Range(1, StepCount).Select(i =>
        {
            var asset = string.Create(CultureInfo.InvariantCulture, $"seg-{(i + 1) / 2:D5}-img");
            var succeeded = i % 2 == 0;
            var at = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero).AddSeconds(i);
            return new StepRecord
            {
                Sequence = i,
                Stage = "images",
                Name = "GenerateImage",
                AssetId = asset,
                Status = succeeded ? AssetStatus.Succeeded : AssetStatus.Running,
                StartedAt = at,
                EndedAt = succeeded ? at.AddSeconds(1) : null,
                Blob = succeeded
                    ? new BlobRef($"jobs/{JobId}/images/{asset}.png", 1_048_576, "image/png", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(asset))))
                    : null,
            };
        })];

    private static long SizeOf<T>(T value)
    {
        using var counter = new CountingStream();
        JsonSerializer.Serialize(counter, value, JsonPayloadConverter.Options);
        return counter.Length;
    }

    /// <summary>An entity operation whose state and input go through JSON, as the durable host persists them.</summary>
    private sealed class JsonOperation(string name, EntityInstanceId id, object input, string? stateJson) : EntityOperation
    {
        private readonly string inputJson = JsonSerializer.Serialize(input, input.GetType(), JsonPayloadConverter.Options);

        private readonly string? before = stateJson;

        /// <summary>The state the operation committed; the previous state when it committed none.</summary>
        public string? StateJson { get; private set; } = stateJson;

        public override string Name => name;

        public override EntityInstanceId Id => id;

        public override bool HasInput => true;

        public override object? GetInput(Type inputType) => JsonSerializer.Deserialize(inputJson, inputType, JsonPayloadConverter.Options);

        public override object? GetState(Type stateType)
            => before is null ? null : JsonSerializer.Deserialize(before, stateType, JsonPayloadConverter.Options);

        public override void SetState(object? state)
            => StateJson = state is null ? null : JsonSerializer.Serialize(state, state.GetType(), JsonPayloadConverter.Options);
    }

    /// <summary>A write-only stream that only counts, so measuring the baseline does not allocate its blobs.</summary>
    private sealed class CountingStream : Stream
    {
        private long length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => length;

        public override long Position
        {
            get => length;
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => length += buffer.Length;
    }
}
