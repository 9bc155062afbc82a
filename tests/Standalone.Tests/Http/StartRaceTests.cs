using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Pipeline.Domain.Jobs;
using Pipeline.Standalone.Tests.Fakes;
using Pipeline.Testing;

namespace Pipeline.Standalone.Tests.Http;

/// <summary>
/// Identical starts racing for one new job id, on the real engine: every one answers 202 for the one job, and a start
/// with a different body for the id is the one refused — never the job that was accepted.
/// </summary>
public sealed class StartRaceTests
{
    private const int Racers = 8;
    private const int Rounds = 10;
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(180);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Start_EightIdenticalLectureStartsAtOnce_AllAnswer202WithOneBodyAndTheOneJobCompletes(bool holdTheFirst)
        => await IdenticalRacesAsync(holdTheFirst, "lecture-media", "race-lecture", jobId => Lectures.Body(jobId, segments: 1, stages: ["music"]).ToJsonString());

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Start_EightIdenticalPodcastStartsAtOnce_AllAnswer202WithOneBodyAndTheOneJobCompletes(bool holdTheFirst)
    {
        var sample = JsonNode.Parse(await SampleAsync("podcast-episode.json"))!.AsObject();
        await IdenticalRacesAsync(holdTheFirst, "podcast-episode", "race-podcast", jobId =>
        {
            sample["jobId"] = jobId;
            return sample.ToJsonString();
        });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Start_EightStartsAtOnceOneWithAnotherBody_OneSideIs409AndTheAcceptedJobCompletesWithItsOwnBody(bool holdTheFirst)
    {
        await using var host = Host(holdTheFirst);
        using var http = host.CreateClient();
        var failures = new List<string>();
        var accepted = new List<(string JobId, string Title)>();

        for (var round = 0; round < Rounds; round++)
        {
            var jobId = $"race-conflict-{round:00}";
            var bodies = Enumerable.Range(0, Racers)
                .Select(i => Lectures.Body(jobId, segments: 1, stages: ["music"], title: i == round % Racers ? "The odd one" : "How tides work").ToJsonString())
                .ToArray();
            var answers = await RaceAsync(http, "lecture-media", bodies);

            var odd = answers[round % Racers];
            var others = answers.Where((_, i) => i != round % Racers).ToList();
            if (odd.Status == HttpStatusCode.Conflict && others.All(a => a.Status == HttpStatusCode.Accepted))
            {
                accepted.Add((jobId, "How tides work"));
                failures.AddRange(Check(jobId, others));
            }
            else if (odd.Status == HttpStatusCode.Accepted && others.All(a => a.Status == HttpStatusCode.Conflict))
            {
                accepted.Add((jobId, "The odd one"));
            }
            else
            {
                failures.Add($"{jobId}: the odd body answered {(int)odd.Status}, the others {string.Join(", ", others.Select(a => (int)a.Status))}.");
            }
        }

        failures.AddRange(await CheckJobsAsync(host, accepted.Select(a => a.JobId).ToList()));
        foreach (var (jobId, title) in accepted)
        {
            var record = await host.Jobs.GetAsync(jobId);
            if (record?.Request.Title != title)
            {
                failures.Add($"{jobId}: accepted with title '{title}' but its record says '{record?.Request.Title}'.");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>
    /// The host; with <paramref name="holdTheFirst"/> the start that creates a job's record waits, right after writing it,
    /// until the other racers have read that record (or a deadline passes), so every round has them find it while its
    /// creator has not scheduled yet — the window a loaded host opens by chance.
    /// </summary>
    private static PipelineHostFactory Host(bool holdTheFirst)
        => holdTheFirst
            ? new PipelineHostFactory(services: s => s.Decorate<IJobRepository>((inner, _) => new HoldingJobRepository(inner, Racers - 1)))
            : new PipelineHostFactory();

    /// <summary>Sends every body at once: each request waits at a start barrier until all are ready to go.</summary>
    internal static async Task<IReadOnlyList<Answer>> RaceAsync(HttpClient http, string type, IReadOnlyList<string> bodies)
    {
        var ready = 0;
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = bodies.Select(body => Task.Run(async () =>
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            if (Interlocked.Increment(ref ready) == bodies.Count)
            {
                go.SetResult();
            }

            await go.Task;
            using var response = await http.PostAsync($"/api/jobs/{type}", content);
            return new Answer(response.StatusCode, await response.Content.ReadAsStringAsync());
        })).ToList();
        return await Task.WhenAll(requests).WaitAsync(JobTimeout);
    }

    /// <summary><see cref="Rounds"/> rounds of <see cref="Racers"/> identical starts of a new id; every answer checked, then every job.</summary>
    private static async Task IdenticalRacesAsync(bool holdTheFirst, string type, string idPrefix, Func<string, string> bodyFor)
    {
        await using var host = Host(holdTheFirst);
        using var http = host.CreateClient();
        var failures = new List<string>();
        var jobIds = new List<string>();

        for (var round = 0; round < Rounds; round++)
        {
            var jobId = $"{idPrefix}-{round:00}";
            jobIds.Add(jobId);
            var answers = await RaceAsync(http, type, Enumerable.Repeat(bodyFor(jobId), Racers).ToArray());
            failures.AddRange(Check(jobId, answers));
        }

        failures.AddRange(await CheckJobsAsync(host, jobIds));
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static IEnumerable<string> Check(string jobId, IReadOnlyList<Answer> answers)
    {
        if (answers.Any(a => a.Status != HttpStatusCode.Accepted))
        {
            yield return $"{jobId}: answered {string.Join(", ", answers.Select(a => (int)a.Status))}; {answers.FirstOrDefault(a => a.Status != HttpStatusCode.Accepted)?.Body}";
        }
        else if (answers.Select(a => a.Body).Distinct(StringComparer.Ordinal).Count() != 1)
        {
            yield return $"{jobId}: the 202 bodies differ.";
        }
    }

    /// <summary>Every job: exactly one orchestration instance with its id, which completes, and a Completed record.</summary>
    private static async Task<IEnumerable<string>> CheckJobsAsync(PipelineHostFactory host, IReadOnlyList<string> jobIds)
    {
        var failures = new List<string>();
        foreach (var jobId in jobIds)
        {
            var instances = (await host.InstanceIdsAsync(jobId)).Count(id => id == jobId);
            if (instances != 1)
            {
                failures.Add($"{jobId}: {instances} orchestration instances.");
                continue;
            }

            var done = await host.Client.WaitForInstanceCompletionAsync(jobId).WaitAsync(JobTimeout);
            var record = await host.Jobs.GetAsync(jobId);
            if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed || record?.Status != JobStatus.Completed)
            {
                failures.Add($"{jobId}: the orchestration ended {done.RuntimeStatus} ({done.FailureDetails?.ErrorMessage}), the record says {record?.Status.ToString() ?? "nothing"}.");
            }
        }

        return failures;
    }

    private static async Task<string> SampleAsync(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "samples", name)))
        {
            directory = directory.Parent;
        }

        return await File.ReadAllTextAsync(Path.Combine(directory!.FullName, "samples", name));
    }

    internal sealed record Answer(HttpStatusCode Status, string Body);

    /// <summary>Holds a successful create until <paramref name="readers"/> reads of that record followed it.</summary>
    private sealed class HoldingJobRepository(IJobRepository inner, int readers) : IJobRepository
    {
        private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
        private readonly ConcurrentDictionary<string, (TaskCompletionSource Read, int Count)> _reads = new(StringComparer.Ordinal);
        private readonly Lock _gate = new();

        public async Task<JobRecord> CreateAsync(JobRecord record, CancellationToken cancellationToken = default)
        {
            var created = await inner.CreateAsync(record, cancellationToken);
            var enough = Watch(record.Id);
            try
            {
                await enough.WaitAsync(Deadline, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Fewer racers read it (they found the job scheduled by other means); go on.
            }

            return created;
        }

        public async Task<JobRecord?> GetAsync(string jobId, CancellationToken cancellationToken = default)
        {
            var record = await inner.GetAsync(jobId, cancellationToken);
            lock (_gate)
            {
                if (_reads.TryGetValue(jobId, out var seen))
                {
                    _reads[jobId] = (seen.Read, seen.Count + 1);
                    if (seen.Count + 1 >= readers)
                    {
                        seen.Read.TrySetResult();
                    }
                }
            }

            return record;
        }

        public Task<JobRecord> UpdateAsync(string jobId, Func<JobRecord, JobRecord> change, CancellationToken cancellationToken = default)
            => inner.UpdateAsync(jobId, change, cancellationToken);

        public Task<JobPage> ListAsync(JobQuery query, CancellationToken cancellationToken = default) => inner.ListAsync(query, cancellationToken);

        public Task<bool> DeleteAsync(string jobId, CancellationToken cancellationToken = default) => inner.DeleteAsync(jobId, cancellationToken);

        public Task<bool> DeleteIfMatchAsync(string jobId, string etag, CancellationToken cancellationToken = default)
            => inner.DeleteIfMatchAsync(jobId, etag, cancellationToken);

        private Task Watch(string jobId)
        {
            lock (_gate)
            {
                // Only the first create of an id is held: a start that begins afresh later is not.
                if (_reads.ContainsKey(jobId))
                {
                    return Task.CompletedTask;
                }

                var read = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _reads[jobId] = (read, 0);
                return read.Task;
            }
        }
    }
}
