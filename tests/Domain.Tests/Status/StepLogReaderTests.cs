using Pipeline.Domain.Payloads;
using Pipeline.Domain.Status;
using static Pipeline.Domain.Tests.Status.StatusTestData;

namespace Pipeline.Domain.Tests.Status;

public sealed class StepLogReaderTests
{
    private const string JobId = "lecture-0001";

    [Fact]
    public async Task ReadAsync_FirstStepOfALongLog_OpensOnlyTheBlobsOnTheWayToIt()
    {
        var blobs = new StatusTestBlobStore();
        var host = new JobStatusEntityHost(JobId, blobs, thresholdBytes: 4096);
        foreach (var batch in Steps(1, 1_000).Chunk(25))
        {
            await host.CallAsync(nameof(JobStatusEntity.RecordSteps), Batch(batch));
        }

        var state = host.State;
        Assert.True(state.Segments.Count > 2, $"{state.Segments.Count} segments.");
        var readsBefore = blobs.Reads;

        await using var steps = new StepLogReader(blobs).ReadAsync(state).GetAsyncEnumerator();
        Assert.True(await steps.MoveNextAsync());

        Assert.Equal(1, steps.Current.Sequence);
        Assert.Equal(state.Segments[0].Level + 1, blobs.Reads - readsBefore);
    }

    [Fact]
    public async Task ReadAsync_SegmentBlobMissing_ThrowsNamingTheKey()
    {
        var blobs = new StatusTestBlobStore();
        var host = new JobStatusEntityHost(JobId, blobs, thresholdBytes: 4096);
        await host.CallAsync(nameof(JobStatusEntity.RecordSteps), Batch(Steps(1, 100)));
        var state = host.State;
        await blobs.DeleteAsync(state.Segments[0].Blob.Key);

        var error = await Assert.ThrowsAsync<BlobNotFoundException>(async () =>
        {
            await foreach (var step in new StepLogReader(blobs).ReadAsync(state))
            {
                Assert.NotNull(step);
            }
        });

        Assert.Equal(state.Segments[0].Blob.Key, error.Key);
    }
}
