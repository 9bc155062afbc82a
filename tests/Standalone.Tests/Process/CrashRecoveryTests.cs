using System.Net;
using System.Text.Json;
using Pipeline.Standalone.Tests.Fakes;

namespace Pipeline.Standalone.Tests.Process;

/// <summary>
/// The host as a real process, killed (SIGKILL) in the middle of a job and started again on the same data root and the
/// same task hub: the new process takes over the dead one's partition once its lease expires, and the activity messages
/// the dead process had dequeued reappear after their (short) visibility timeout.
/// Generations are counted from the host's generation log: one line per asset blob written, flushed as it happens.
/// An asset the API reported Succeeded before the kill had its result committed to the durable history (the status
/// entity only learns of a success from the workflow, after the result is recorded), so it must never be produced
/// again; an asset in flight at the kill may legitimately run twice (activities run at least once).
/// </summary>
public sealed class CrashRecoveryTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task KilledMidJob_RestartedOnTheSameDataRoot_CompletesWithoutRegeneratingFinishedAssets()
    {
        var root = Directory.CreateTempSubdirectory("pipeline-crash-");
        var hub = Pipeline.Testing.TestStorage.NewTaskHubName();
        var environment = HostProcess.EngineEnvironment(hub, new Dictionary<string, string> { ["Pipeline:DurableTask:WorkItemQueueVisibilityTimeout"] = "00:00:10" });
        try
        {
            var port = HostProcess.FreePort();
            var log = Path.Combine(root.FullName, "generations.log");
            var arguments = Settings(root.FullName, log).Select(s => $"--{s.Key}={s.Value}").Prepend($"--urls=http://127.0.0.1:{port}").ToList();
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var body = Lectures.Body("crash-job", segments: 4);
            body["options"] = new System.Text.Json.Nodes.JsonObject { ["maxConcurrency"] = 2 };

            HashSet<string> committed;
            using (var first = HostProcess.Start(root.FullName, arguments, environment))
            {
                await first.WaitHealthyAsync(http, Deadline);
                Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync("/api/jobs/lecture-media", Lectures.Json(body))).StatusCode);
                committed = await WaitForSomeButNotAllAsync(http, first);
                first.Kill();
            }

            var beforeRestart = HostProcess.Generations(log);
            Assert.All(committed, id => Assert.True(beforeRestart.GetValueOrDefault(id) >= 1, $"{id} was reported succeeded but never written"));

            using (var second = HostProcess.Start(root.FullName, arguments, environment))
            {
                await second.WaitHealthyAsync(http, Deadline);
                var job = await second.WaitFinishedAsync(http, "crash-job", Deadline);
                Assert.Equal("Completed", job.GetProperty("status").GetString());
                var assets = job.GetProperty("assets").EnumerateArray().ToList();
                Assert.True(committed.Count < assets.Count, "the kill came after every asset had finished");

                var generations = HostProcess.Generations(log);
                foreach (var asset in assets.Where(a => a.TryGetProperty("length", out _)))
                {
                    var id = asset.GetProperty("id").GetString()!;
                    Assert.True(generations.GetValueOrDefault(id) >= 1, $"{id} has no generation");
                    if (committed.Contains(id))
                    {
                        Assert.True(generations[id] == 1, $"{id} finished before the kill but was generated {generations[id]} times");
                    }
                }

                // Only work in flight at the kill may have run twice: at most a window (2) per stage running side by side (4).
                Assert.InRange(generations.Values.Sum(n => n - 1), 0, 8);
            }
        }
        finally
        {
            await HostProcess.DeleteTaskHubAsync(hub);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            root.Delete(recursive: true);
        }
    }

    private static Dictionary<string, string?> Settings(string root, string log)
    {
        var settings = PipelineHostFactory.Defaults(root);
        settings["Pipeline:Standalone:GenerationLogPath"] = log;
        settings["Pipeline:Media:FaultInjection:Enabled"] = "true";
        settings["Pipeline:Media:FaultInjection:Latency:Distribution"] = "Fixed";
        // Long enough that the job is still running when a loaded machine has polled its step log a few times.
        settings["Pipeline:Media:FaultInjection:Latency:FixedMilliseconds"] = "800";
        return settings;
    }

    private static async Task<HashSet<string>> WaitForSomeButNotAllAsync(HttpClient http, HostProcess host)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(host.Process.HasExited, $"The host exited: {host.Output}");
            var job = JsonDocument.Parse(await http.GetStringAsync("/api/jobs/crash-job?steps=true")).RootElement.Clone();
            // Pending until the engine's first work item of the job runs.
            Assert.Contains(job.GetProperty("status").GetString(), new[] { "Pending", "Running" });
            var succeeded = job.GetProperty("steps").EnumerateArray()
                .Where(s => s.TryGetProperty("assetId", out _) && s.GetProperty("status").GetString() == "Succeeded")
                .Select(s => s.GetProperty("assetId").GetString()!)
                .ToHashSet(StringComparer.Ordinal);
            if (succeeded.Count >= 4)
            {
                return succeeded;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"The job never got half-way: {host.Output}");
        return [];
    }
}
