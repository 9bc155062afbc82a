using Pipeline.Domain.Jobs;
using Pipeline.Domain.Payloads;

namespace Pipeline.Worker.Hosting;

/// <summary>
/// The <see cref="PayloadScope"/> of the job an instance belongs to: the root instance id is the job id, and a child's
/// id starts with it (<c>{jobId}:{stage}:{index}</c>). Payloads offloaded inside it are recorded against the job, so
/// purging the job deletes them. Work of an instance that is not a job's runs without a scope.
/// </summary>
internal static class JobPayloadScope
{
    public static PayloadScope? For(string? instanceId, string step)
    {
        var root = instanceId?.Split(':', 2)[0];
        return JobId.IsValid(root) ? PayloadScope.ForJob(root, step) : null;
    }
}
