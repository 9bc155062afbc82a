using Pipeline.Domain.Lecture;
using Pipeline.Domain.Podcast.Workflows;

namespace Pipeline.Domain.Jobs;

/// <summary>The root workflow of each job type (<c>POST /api/jobs/{type}</c> starts it with instance id = job id).</summary>
public static class JobWorkflows
{
    private static readonly Dictionary<string, string> ByType = new(StringComparer.Ordinal)
    {
        [JobType.LectureMedia] = nameof(LectureMediaWorkflow),
        [JobType.PodcastEpisode] = nameof(PodcastEpisodeWorkflow),
        [JobType.Diarization] = nameof(DiarizationWorkflow),
    };

    /// <summary>Every job type that has a workflow, with the workflow's durable name.</summary>
    public static IReadOnlyDictionary<string, string> All => ByType;

    /// <summary>The workflow name for <paramref name="jobType"/>, or false when the type has none.</summary>
    public static bool TryGet(string jobType, out string workflow)
    {
        if (ByType.TryGetValue(jobType, out var name))
        {
            workflow = name;
            return true;
        }

        workflow = string.Empty;
        return false;
    }
}
