using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Pipeline.Standalone.Tests.Fakes;

namespace Pipeline.Standalone.Tests.Process;

/// <summary>
/// Two host processes on one task hub, sharing the data root (job records and blobs): both take activities from the
/// hub's work-item queue while the first owns the partition. The partition owner is killed (SIGKILL) mid-job; the other
/// takes the partition over once the lease expires and finishes the job. Generations are counted per process from
/// each host's generation log. What may run twice is what was in flight at the kill: activities the killed host had
/// taken (at most its activity slots; one of them may have finished and had its completion recorded while its queue
/// message was not yet deleted) and the activities of an episode it had sent but not yet recorded (at most the job's
/// window), which the engine sends again. Any other asset is generated exactly once.
/// </summary>
public sealed class ScaleOutTests
{
    private const string JobId = "scale-job";
    private const int Assets = 200;
    private const int ActivitiesPerHost = 8;
    private const int Window = 16;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task TwoHostsOneKilled_TheOtherFinishesTheJob_OnlyWorkInFlightAtTheKillRunsTwice()
    {
        var root = Directory.CreateTempSubdirectory("pipeline-scale-");
        var hub = Pipeline.Testing.TestStorage.NewTaskHubName();
        var environment = HostProcess.EngineEnvironment(hub, new Dictionary<string, string>
        {
            ["Pipeline:DurableTask:WorkItemQueueVisibilityTimeout"] = "00:00:10",
            ["Pipeline:DurableTask:MaxConcurrentActivities"] = $"{ActivitiesPerHost}",
        });
        try
        {
            var (portA, portB) = (HostProcess.FreePort(), HostProcess.FreePort());
            var (logA, logB) = (Path.Combine(root.FullName, "generations-a.log"), Path.Combine(root.FullName, "generations-b.log"));
            using var httpA = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{portA}") };
            using var httpB = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{portB}") };
            var body = Lectures.Body(JobId, segments: Assets, stages: ["images"]);
            body["options"]!["maxConcurrency"] = Window;

            using var b = HostProcess.Start(root.FullName, Arguments(root.FullName, portB, logB), environment);
            using (var a = HostProcess.Start(root.FullName, Arguments(root.FullName, portA, logA), environment))
            {
                // The first host to start owns the one partition; the second only shares activities until it goes.
                await a.WaitHealthyAsync(httpA, Deadline);
                await b.WaitHealthyAsync(httpB, Deadline);
                Assert.Equal(HttpStatusCode.Accepted, (await httpA.PostAsync("/api/jobs/lecture-media", Lectures.Json(body))).StatusCode);
                await WaitForSucceededAsync(httpB, b, atLeast: Assets / 4);
                a.Kill();
            }

            var committed = await HostProcess.RecordedCompletionsAsync(hub, JobId);

            var job = await b.WaitFinishedAsync(httpB, JobId, Deadline);
            Assert.Equal("Completed", job.GetProperty("status").GetString());
            var assets = job.GetProperty("assets").EnumerateArray().ToList();
            Assert.Equal(Assets, assets.Count);
            Assert.NotEmpty(committed);
            Assert.True(committed.Count < Assets, "the kill came after every asset had finished");

            // Every asset's bytes, as downloaded, match the SHA-256 the job reports.
            foreach (var asset in assets)
            {
                Assert.Equal("Succeeded", asset.GetProperty("status").GetString());
                var bytes = await httpB.GetByteArrayAsync($"/api/jobs/{JobId}/assets/{asset.GetProperty("id").GetString()}");
                Assert.Equal(asset.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
            }

            var (byA, byB) = (HostProcess.Generations(logA), HostProcess.Generations(logB));
            Assert.True(byA.Count > 0 && byB.Count > 0, $"both hosts generate: {byA.Count} assets by the first, {byB.Count} by the second");
            var generations = byA.Concat(byB).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Value));
            Assert.All(assets, asset => Assert.True(generations.GetValueOrDefault(asset.GetProperty("id").GetString()!) >= 1));
            Assert.All(generations, g => Assert.InRange(g.Value, 1, 2));
            var recordedAgain = committed.Where(id => generations[id] > 1).ToList();
            Assert.True(recordedAgain.Count <= ActivitiesPerHost, $"{recordedAgain.Count} assets recorded before the kill were generated again: {string.Join(", ", recordedAgain)}");

            // Only what was in flight at the kill may have been generated again.
            Assert.InRange(generations.Values.Sum(n => n - 1), 0, ActivitiesPerHost + Window);
        }
        finally
        {
            await HostProcess.DeleteTaskHubAsync(hub);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            root.Delete(recursive: true);
        }
    }

    private static List<string> Arguments(string root, int port, string log)
    {
        var settings = PipelineHostFactory.Defaults(root);
        settings["Pipeline:Standalone:GenerationLogPath"] = log;
        settings["Pipeline:Media:FaultInjection:Enabled"] = "true";
        settings["Pipeline:Media:FaultInjection:Latency:Distribution"] = "Fixed";
        settings["Pipeline:Media:FaultInjection:Latency:FixedMilliseconds"] = "200";
        return [$"--urls=http://127.0.0.1:{port}", .. settings.Select(s => $"--{s.Key}={s.Value}")];
    }

    /// <summary>Returns once the job reports at least <paramref name="atLeast"/> assets succeeded.</summary>
    private static async Task WaitForSucceededAsync(HttpClient http, HostProcess host, int atLeast)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(host.Process.HasExited, $"The host exited: {host.Output}");
            var job = JsonDocument.Parse(await http.GetStringAsync($"/api/jobs/{JobId}?steps=true")).RootElement.Clone();
            var succeeded = job.GetProperty("steps").EnumerateArray()
                .Where(s => s.TryGetProperty("assetId", out _) && s.GetProperty("status").GetString() == "Succeeded")
                .Select(s => s.GetProperty("assetId").GetString()!)
                .ToHashSet(StringComparer.Ordinal);
            if (succeeded.Count >= atLeast)
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"The job never got a quarter of the way: {host.Output}");
    }
}
