using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Entities;
using Pipeline.Domain.Payloads;

namespace Pipeline.Domain.Status;

/// <summary>
/// Reads a job's whole execution-step log: the sealed segments, oldest first, then the tail kept in the state.
/// Streams one segment at a time; never holds the whole log.
/// </summary>
public sealed class StepLogReader(IBlobStore blobs)
{
    public async IAsyncEnumerable<StepRecord> ReadAsync(JobStatusState state, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        foreach (var segment in state.Segments)
        {
            await foreach (var step in ReadSegmentAsync(segment, cancellationToken))
            {
                yield return step;
            }
        }

        foreach (var step in state.Steps)
        {
            yield return step;
        }
    }

    private async IAsyncEnumerable<StepRecord> ReadSegmentAsync(StepSegmentRef segment, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var read = 0;
        var stream = await blobs.GetAsync(segment.Blob.Key, cancellationToken);
        await using (stream)
        {
            if (segment.Level == 0)
            {
                await foreach (var step in JsonSerializer.DeserializeAsyncEnumerable<StepRecord>(stream, JsonPayloadConverter.Options, cancellationToken))
                {
                    read++;
                    yield return step ?? throw Corrupt(segment, "a null step");
                }
            }
            else
            {
                await foreach (var child in JsonSerializer.DeserializeAsyncEnumerable<StepSegmentRef>(stream, JsonPayloadConverter.Options, cancellationToken))
                {
                    await foreach (var step in ReadSegmentAsync(child ?? throw Corrupt(segment, "a null reference"), cancellationToken))
                    {
                        read++;
                        yield return step;
                    }
                }
            }
        }

        if (read != segment.Count)
        {
            throw Corrupt(segment, $"{read} steps where {segment.Count} were sealed");
        }
    }

    private static InvalidDataException Corrupt(StepSegmentRef segment, string what)
        => new($"Step-log segment '{segment.Blob.Key}' holds {what}.");
}
