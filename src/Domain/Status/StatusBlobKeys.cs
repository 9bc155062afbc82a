using System.Globalization;
using Pipeline.Domain.Payloads;

namespace Pipeline.Domain.Status;

/// <summary>Blob keys of a job's sealed step-log segments.</summary>
internal static class StatusBlobKeys
{
    /// <summary>The prefix every segment of the job shares, and nothing else.</summary>
    public static string SegmentPrefix(string jobId) => $"{BlobKey.JobPrefix(jobId)}status/steps-";

    public static string Segment(string jobId, int number)
        => string.Create(CultureInfo.InvariantCulture, $"{SegmentPrefix(jobId)}{number:D6}.json");
}
