namespace Pipeline.Domain.Payloads;

/// <summary>
/// Deletes what a job left in blob storage: its asset blobs (<c>jobs/{jobId}/</c>) and the offloaded payloads only it
/// referenced. References are marker blobs the <see cref="OffloadingPayloadConverter"/> writes on offload:
/// <c>payload-refs/by-job/{jobId}/{sha}</c> and <c>payload-refs/by-payload/{sha}/{jobId}</c>.
/// </summary>
/// <remarks>
/// Race with a concurrent writer: another job may offload the same content while this job is purged. The converter
/// writes its reference markers before it checks whether the payload exists, and the janitor removes its own marker
/// before it looks for other references, so in almost every interleaving one side sees the other. The remaining
/// window is this: the writer's markers land after the janitor listed references and the writer's existence check
/// runs before the janitor's delete — the writer then skips the upload and its envelope points at a deleted payload.
/// The window is one listing-to-delete round trip, and only for identical content offloaded by a new job while an
/// old one is purged; a strict fix needs leases or conditional deletes, which not every backend offers.
/// Payloads offloaded outside any <see cref="PayloadScope"/> have no markers and are never deleted here; leave them
/// to a storage lifecycle rule on <c>payloads/</c>.
/// </remarks>
public sealed class PayloadJanitor(IBlobStore store)
{
    private const int PageSize = 1000;

    public async Task<PayloadPurgeResult> PurgeJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        var byJobPrefix = BlobKey.PayloadRefsOfJob(jobId);
        var deleted = 0;
        var kept = 0;

        string? continuation = null;
        var markers = new List<string>();
        do
        {
            var page = await store.ListAsync(byJobPrefix, continuation, PageSize, cancellationToken);
            markers.AddRange(page.Keys);
            continuation = page.ContinuationToken;
        }
        while (continuation is not null);

        foreach (var marker in markers)
        {
            var sha256 = marker[byJobPrefix.Length..];
            if (!BlobKey.IsSha256(sha256))
            {
                continue;
            }

            await store.DeleteAsync(BlobKey.ForPayloadRefByPayload(sha256, jobId), cancellationToken);
            var others = await store.ListAsync(BlobKey.PayloadRefsOfPayload(sha256), null, 1, cancellationToken);
            if (others.Keys.Count == 0)
            {
                await store.DeleteAsync(BlobKey.ForPayload(sha256), cancellationToken);
                deleted++;
            }
            else
            {
                kept++;
            }

            await store.DeleteAsync(marker, cancellationToken);
        }

        var assets = await store.DeleteByPrefixAsync(BlobKey.JobPrefix(jobId), cancellationToken);
        return new PayloadPurgeResult { JobId = jobId, PayloadsDeleted = deleted, PayloadsKept = kept, AssetsDeleted = assets };
    }
}
