using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Entities;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Media;
using Pipeline.Domain.Payloads;
using Pipeline.Domain.Status;
using Pipeline.Standalone.Tests.Fakes;
using Pipeline.Testing;

namespace Pipeline.Standalone.Tests.Http;

/// <summary>Every route of API.md through the real host, the real lecture workflow and the embedded stores.</summary>
public sealed class JobRoutesTests
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Start_ValidLecture_Returns202AndTheJobCompletesWithDownloadableAssets()
    {
        await using var host = new PipelineHostFactory();
        using var http = host.CreateClient();

        var started = await http.PostAsync("/api/jobs/lecture-media", Lectures.Json(Lectures.Body("tides-ok")));

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal("/api/jobs/tides-ok", started.Headers.Location!.AbsolutePath);
        var accepted = Lectures.Parse(await started.Content.ReadAsStringAsync());
        Assert.Equal("tides-ok", accepted.GetProperty("id").GetString());
        Assert.EndsWith("/api/jobs/tides-ok", accepted.GetProperty("statusQueryGetUri").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/api/jobs/tides-ok", accepted.GetProperty("purgeHistoryDeleteUri").GetString(), StringComparison.Ordinal);

        await WaitAsync(host, "tides-ok");
        var job = Lectures.Parse(await http.GetStringAsync("/api/jobs/tides-ok?steps=true"));
        Assert.Equal("Completed", job.GetProperty("status").GetString());
        var assets = job.GetProperty("assets").EnumerateArray().ToList();
        Assert.Equal(job.GetProperty("progress").GetProperty("total").GetInt32(), assets.Count);
        Assert.Equal(100, job.GetProperty("progress").GetProperty("percent").GetInt32());
        Assert.Contains(job.GetProperty("stages").EnumerateArray(), s => s.GetProperty("name").GetString() == "videos");
        Assert.NotEmpty(job.GetProperty("steps").EnumerateArray());

        var record = (await host.Jobs.GetAsync("tides-ok"))!;
        foreach (var asset in assets)
        {
            Assert.Equal("Succeeded", asset.GetProperty("status").GetString());
            var id = asset.GetProperty("id").GetString()!;
            using var download = await http.GetAsync(new Uri(asset.GetProperty("url").GetString()!).PathAndQuery);
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            var blob = record.Manifest.Single(o => o.AssetId == id).Blob!;
            Assert.Equal(blob.ContentType, download.Content.Headers.ContentType!.ToString());
            await using var stored = await host.Blobs.GetAsync(blob.Key);
            using var expected = new MemoryStream();
            await stored.CopyToAsync(expected);
            Assert.Equal(expected.ToArray(), await download.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task Start_SameIdSameBody_Returns202WithTheExistingJob_AndDifferentBody_Returns409()
    {
        await using var host = new PipelineHostFactory();
        using var http = host.CreateClient();
        var body = Lectures.Body("same-job", stages: ["music"]);

        var first = await http.PostAsync("/api/jobs/lecture-media", Lectures.Json(body));
        // The same request written differently (whitespace, property order) is the same body.
        var reordered = "{ \"title\": \"How tides work\", " + body.ToJsonString()[1..].Replace("\"title\":\"How tides work\",", string.Empty, StringComparison.Ordinal);
        var again = await http.PostAsync("/api/jobs/lecture-media", Lectures.Json(reordered));
        var conflicting = await http.PostAsync("/api/jobs/lecture-media", Lectures.Json(Lectures.Body("same-job", stages: ["music"], title: "Another title")));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal("same-job", Lectures.Parse(await again.Content.ReadAsStringAsync()).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.Conflict, conflicting.StatusCode);
        Assert.Equal("application/problem+json", conflicting.Content.Headers.ContentType!.MediaType);
        var problem = Lectures.Parse(await conflicting.Content.ReadAsStringAsync());
        Assert.Equal(409, problem.GetProperty("status").GetInt32());
        Assert.Contains("different request", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        await WaitAsync(host, "same-job");
        Assert.Equal("How tides work", (await host.Jobs.GetAsync("same-job"))!.Request.Title);
        Assert.Single(await host.InstanceIdsAsync(), id => id == "same-job");
    }

    [Fact]
    public async Task List_FiveJobsTwoPerPage_ReturnsThreePagesNewestFirstWithoutRepeats()
    {
        await using var host = new PipelineHostFactory();
        using var http = host.CreateClient();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var response = await http.PostAsync("/api/jobs/lecture-media", Lectures.Json(Lectures.Body($"page-job-{i}", stages: ["music"])));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            ids.Add($"page-job-{i}");
        }

        var seen = new List<JsonElement>();
        var pages = 0;
        string? next = "/api/jobs?limit=2&type=lecture-media";
        while (next is not null)
        {
            var page = Lectures.Parse(await http.GetStringAsync(next));
            pages++;
            var items = page.GetProperty("items").EnumerateArray().ToList();
            Assert.InRange(items.Count, 1, 2);
            seen.AddRange(items);
            next = page.TryGetProperty("nextLink", out var link) ? new Uri(link.GetString()!).PathAndQuery : null;
        }

        Assert.Equal(3, pages);
        Assert.Equal(ids.Order(), seen.Select(s => s.GetProperty("id").GetString()!).Order());
        var order = seen.Select(s => (s.GetProperty("createdAt").GetDateTimeOffset(), s.GetProperty("id").GetString()!)).ToList();
        Assert.Equal(order.OrderByDescending(o => o.Item1).ThenByDescending(o => o.Item2, StringComparer.Ordinal), order);

        foreach (var id in ids)
        {
            await WaitAsync(host, id);
        }

        var completed = Lectures.Parse(await http.GetStringAsync("/api/jobs?status=Completed&limit=10"));
        Assert.Equal(5, completed.GetProperty("items").GetArrayLength());
        var failed = Lectures.Parse(await http.GetStringAsync("/api/jobs?status=failed"));
        Assert.Equal(0, failed.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Cancel_RunningJob_StopsIt_RetryAndPurgeOfARunningJobAre409()
    {
        var gate = new GenerationGate();
        await using var host = new PipelineHostFactory(services: s => s.Decorate<IMusicGenerator>((inner, _) => gate.Wrap(inner)));
        using var http = host.CreateClient();
        try
        {
            Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync("/api/jobs/lecture-media", Lectures.Json(Lectures.Body("held-job", stages: ["music", "narration"])))).StatusCode);
            await gate.Entered.WaitAsync(JobTimeout);

            var retry = await http.PostAsync("/api/jobs/held-job/retry", null);
            var purge = await http.DeleteAsync("/api/jobs/held-job");
            Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
            Assert.Equal("application/problem+json", retry.Content.Headers.ContentType!.MediaType);
            Assert.Contains("Running", Lectures.Parse(await retry.Content.ReadAsStringAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Conflict, purge.StatusCode);
            Assert.Equal("Running", Lectures.Parse(await http.GetStringAsync("/api/jobs/held-job")).GetProperty("status").GetString());

            var cancel = await http.PostAsync("/api/jobs/held-job/cancel", null);

            Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
            var job = Lectures.Parse(await http.GetStringAsync("/api/jobs/held-job"));
            Assert.Equal("Cancelled", job.GetProperty("status").GetString());
            Assert.Equal(JobStatus.Cancelled, (await host.Jobs.GetAsync("held-job"))!.Status);
            // The backend terminates the instance from a message it dispatches after the cancel answered.
            using var terminated = new CancellationTokenSource(JobTimeout);
            var instance = await host.Client.WaitForInstanceCompletionAsync("held-job", terminated.Token);
            Assert.Equal(OrchestrationRuntimeStatus.Terminated, instance.RuntimeStatus);
            Assert.Equal(HttpStatusCode.Conflict, (await http.PostAsync("/api/jobs/held-job/cancel", null)).StatusCode);
        }
        finally
        {
            gate.Open();
        }
    }

    [Fact]
    public async Task Retry_JobWithAFailedAsset_RegeneratesOnlyThatAssetAndCompletes()
    {
        FailFirstMusicGenerator? music = null;
        CountingBlobStore? blobs = null;
        await using var host = new PipelineHostFactory(services: s => s
            .Decorate<IMusicGenerator>((inner, _) => music = new FailFirstMusicGenerator(inner))
            .Decorate<IBlobStore>((inner, _) => blobs = new CountingBlobStore(inner)));
        using var http = host.CreateClient();

        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync("/api/jobs/lecture-media", Lectures.Json(Lectures.Body("retry-job")))).StatusCode);
        await WaitAsync(host, "retry-job");
        var first = Lectures.Parse(await http.GetStringAsync("/api/jobs/retry-job"));
        Assert.Equal("CompletedWithErrors", first.GetProperty("status").GetString());
        var failedMusic = first.GetProperty("assets").EnumerateArray().Single(a => a.GetProperty("stage").GetString() == "music");
        Assert.Equal("Failed", failedMusic.GetProperty("status").GetString());
        Assert.Contains("content policy", failedMusic.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        var assetKeys = (await host.Jobs.GetAsync("retry-job"))!.Manifest.Where(o => o.Blob is not null).Select(o => o.Blob!.Key).ToList();
        Assert.NotEmpty(assetKeys);
        Assert.All(assetKeys, key => Assert.Equal(1, blobs!.WritesOf(key)));

        var retry = await http.PostAsync("/api/jobs/retry-job/retry", null);

        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        await WaitAsync(host, "retry-job");
        var second = Lectures.Parse(await http.GetStringAsync("/api/jobs/retry-job"));
        Assert.Equal("Completed", second.GetProperty("status").GetString());
        var record = (await host.Jobs.GetAsync("retry-job"))!;
        Assert.Equal(JobStatus.Completed, record.Status);
        Assert.Equal(2, music!.Calls);
        var musicKey = record.Manifest.Single(o => o.Stage == "music").Blob!.Key;
        Assert.Equal(1, blobs!.WritesOf(musicKey));
        // Every asset that had succeeded was reused, not generated again.
        Assert.All(assetKeys, key => Assert.Equal(1, blobs.WritesOf(key)));
        Assert.Equal(assetKeys.Count + 1, record.Manifest.Count(o => o.Blob is not null));

        // The entity learns of the end from a signal, which it may process after the instance completed.
        var entity = await Eventually.ReadUntilAsync(
            () => host.Client.Entities.GetEntityAsync<JobStatusState>(JobStatusEntity.IdFor("retry-job")),
            e => e?.State.Status == JobStatus.Completed,
            "the status entity of retry-job to record the completion");
        Assert.Equal(JobStatus.Completed, entity!.State.Status);
        Assert.All(entity.State.Stages, s => Assert.Equal(0, s.Failed));
        foreach (var segment in entity.State.Segments)
        {
            Assert.True(await host.Blobs.ExistsAsync(segment.Blob.Key));
        }

        Assert.Equal(HttpStatusCode.Conflict, (await http.PostAsync("/api/jobs/retry-job/retry", null)).StatusCode);
    }

    [Fact]
    public async Task Purge_FinishedJob_LeavesNoHistoryEntityRecordOrBlob()
    {
        await using var host = new PipelineHostFactory(new Dictionary<string, string?> { ["Pipeline:Payloads:InlineThresholdBytes"] = "256" });
        using var http = host.CreateClient();
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync("/api/jobs/lecture-media", Lectures.Json(Lectures.Body("purged-job", segments: 3)))).StatusCode);
        await WaitAsync(host, "purged-job");
        var entityId = JobStatusEntity.IdFor("purged-job");
        await Eventually.ReadUntilAsync(
            () => host.Client.Entities.GetEntityAsync<JobStatusState>(entityId),
            e => e?.State.Status == JobStatus.Completed,
            "the status entity of purged-job to record the completion");
        Assert.NotEmpty((await host.Blobs.ListAsync("jobs/purged-job/")).Keys);
        Assert.Contains(await host.InstanceIdsAsync(), id => id.StartsWith("purged-job", StringComparison.Ordinal));

        var purged = await http.DeleteAsync("/api/jobs/purged-job");

        Assert.Equal(HttpStatusCode.NoContent, purged.StatusCode);
        // The entity is deleted by a signal the purge sends.
        await Eventually.ReadUntilAsync(
            () => host.Client.Entities.GetEntityAsync<JobStatusState>(entityId),
            e => e is null,
            "the status entity of purged-job to be deleted");
        Assert.Null(await host.Jobs.GetAsync("purged-job"));
        Assert.Empty((await host.Blobs.ListAsync(string.Empty)).Keys);
        Assert.DoesNotContain(await host.InstanceIdsAsync(), id => id.StartsWith("purged-job", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/jobs/purged-job")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.DeleteAsync("/api/jobs/purged-job")).StatusCode);
    }

    [Fact]
    public async Task Start_RightToLeftTextAndEmoji_AreAcceptedAndKeptExactly()
    {
        await using var host = new PipelineHostFactory();
        using var http = host.CreateClient();
        const string title = "מדוע יש גאות ושפל 🌊🌕 — لماذا المد والجزر";
        var body = Lectures.Body("unicode-job", stages: ["music"], title: title);
        body["segments"]![0]!["text"] = "שלום עולם 👋🏽 نص عربي مع رموز تعبيرية 👨‍👩‍👧";

        var started = await http.PostAsync("/api/jobs/lecture-media", Lectures.Json(body));

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        await WaitAsync(host, "unicode-job");
        var list = Lectures.Parse(await http.GetStringAsync("/api/jobs"));
        Assert.Equal(title, list.GetProperty("items")[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task Health_RunningHost_IsHealthy()
    {
        await using var host = new PipelineHostFactory();
        using var http = host.CreateClient();

        var health = await http.GetFromJsonAsync<JsonElement>("/api/health");

        Assert.Equal("Healthy", health.GetProperty("status").GetString());
    }

    private static Task WaitAsync(PipelineHostFactory host, string jobId)
        => host.Client.WaitForInstanceCompletionAsync(jobId).WaitAsync(JobTimeout);
}
