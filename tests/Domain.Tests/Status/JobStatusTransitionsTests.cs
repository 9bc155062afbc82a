using Pipeline.Domain.Jobs;
using Pipeline.Domain.Status;

namespace Pipeline.Domain.Tests.Status;

public sealed class JobStatusTransitionsTests
{
    // Written out independently of the production table: the allowed transitions, and nothing else.
    private static readonly HashSet<(JobStatus From, JobStatus To)> Expected =
    [
        (JobStatus.Pending, JobStatus.Running),
        (JobStatus.Pending, JobStatus.Cancelled),
        (JobStatus.Pending, JobStatus.Failed),
        (JobStatus.Running, JobStatus.Completed),
        (JobStatus.Running, JobStatus.CompletedWithErrors),
        (JobStatus.Running, JobStatus.Failed),
        (JobStatus.Running, JobStatus.Cancelled),
        (JobStatus.CompletedWithErrors, JobStatus.Pending),
        (JobStatus.Failed, JobStatus.Pending),
        (JobStatus.Cancelled, JobStatus.Pending),
    ];

    public static TheoryData<JobStatus, JobStatus> AllPairs
    {
        get
        {
            var data = new TheoryData<JobStatus, JobStatus>();
            foreach (var from in Enum.GetValues<JobStatus>())
            {
                foreach (var to in Enum.GetValues<JobStatus>())
                {
                    data.Add(from, to);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Ensure_AnyPair_AllowsExactlyTheTable(JobStatus from, JobStatus to)
    {
        if (Expected.Contains((from, to)))
        {
            Assert.True(JobStatusTransitions.IsAllowed(from, to));
            JobStatusTransitions.Ensure("job-1", from, to);
        }
        else
        {
            Assert.False(JobStatusTransitions.IsAllowed(from, to));
            var error = Assert.Throws<InvalidJobTransitionException>(() => JobStatusTransitions.Ensure("job-1", from, to));
            Assert.Equal(("job-1", from, to), (error.JobId, error.From, error.To));
            Assert.Contains($"from {from} to {to}", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void IsAllowed_FromCompleted_NothingIsAllowed()
        => Assert.DoesNotContain(Enum.GetValues<JobStatus>(), to => JobStatusTransitions.IsAllowed(JobStatus.Completed, to));
}
