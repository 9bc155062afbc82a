using System.Net;
using Microsoft.DurableTask.Client;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Payloads;
using Pipeline.Standalone.Tests.Fakes;
using Pipeline.Testing;

namespace Pipeline.Standalone.Tests.Http;

/// <summary>
/// A start that fails leaves nothing, or — where it stopped as a crash would — what it leaves is finished by the next
/// identical start; ids are checked on the exact string.
/// </summary>
public sealed class StartFailureTests
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(120);

    [Theory]
    [InlineData("lecture-media")]
    [InlineData("podcast-episode")]
    [InlineData("diarization")]
    public async Task Start_JobIdEndingInNewline_Returns400NamingJobIdAndCreatesNothing(string type)
    {
        await using var host = new PipelineHostFactory();
        using var http = host.CreateClient();
        var body = type switch
        {
            "lecture-media" => Lectures.Body("newline-job\n").ToJsonString(),
            "podcast-episode" => """{ "jobId": "newline-job\n", "format": "interview", "topic": "Tides", "host": { "name": "Ada" }, "guest": { "name": "Grace" } }""",
            _ => """{ "jobId": "newline-job\n", "audio": "uploads/episode.wav" }""",
        };

        using var response = await http.PostAsync($"/api/jobs/{type}", Lectures.Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = Lectures.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.GetProperty("errors").TryGetProperty("jobId", out _), problem.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/jobs/newline-job")).StatusCode);
        Assert.Equal((0, 0, 0), await host.CountStoredAsync());
    }

    [Theory]
    [InlineData("GET", "/api/jobs/tides-ok%0A")]
    [InlineData("GET", "/api/jobs/tides-ok%0A/assets/music")]
    [InlineData("GET", "/api/jobs/tides-ok/assets/music%0A")]
    [InlineData("POST", "/api/jobs/tides-ok%0A/cancel")]
    [InlineData("POST", "/api/jobs/tides-ok%0A/retry")]
    [InlineData("DELETE", "/api/jobs/tides-ok%0A")]
    public async Task Route_IdEndingInNewline_Returns400NamingTheFieldAndTouchesNothing(string method, string path)
    {
        await using var host = new PipelineHostFactory();
        using var http = host.CreateClient();
        using (var started = await http.PostAsync("/api/jobs/lecture-media", Lectures.Json(Lectures.Body("tides-ok", segments: 1, stages: ["music"]))))
        {
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        }

        await host.Client.WaitForInstanceCompletionAsync("tides-ok").WaitAsync(JobTimeout);
        var before = await host.CountStoredAsync();

        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = Lectures.Parse(await response.Content.ReadAsStringAsync());
        var field = path.EndsWith("music%0A", StringComparison.Ordinal) ? "assetId" : "id";
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(before, await host.CountStoredAsync());
        Assert.Equal("Completed", (await host.Jobs.GetAsync("tides-ok"))!.Status.ToString());
    }

    [Fact]
    public async Task Start_LectureIdWithNewline_Returns400NamingLectureIdAndCreatesNothing()
    {
        await using var host = new PipelineHostFactory();
        using var http = host.CreateClient();
        var body = Lectures.Body("lecture-id-nl");
        body["lectureId"] = "tides-101\n";

        using var response = await http.PostAsync("/api/jobs/lecture-media", Lectures.Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(Lectures.Parse(await response.Content.ReadAsStringAsync()).GetProperty("errors").TryGetProperty("lectureId", out _));
        Assert.Equal((0, 0, 0), await host.CountStoredAsync());
    }

    [Fact]
    public async Task Start_RequestBlobWriteFails_Returns503WithoutInternalTextAndLeavesNothing_ThenTheSameStartCompletes()
    {
        var faults = new Faults { FailPut = key => key == JobsApiKeys.Request("blob-fails") };
        await using var host = Host(faults);
        using var http = host.CreateClient();
        var body = Lectures.Body("blob-fails", segments: 1, stages: ["music"]);

        await AssertUnavailableAsync(await http.PostAsync("/api/jobs/lecture-media", Lectures.Json(body)));
        Assert.Equal((0, 0, 0), await host.CountStoredAsync());

        await AssertCompletesAsync(host, http, "blob-fails", body.ToJsonString());
    }

    [Fact]
    public async Task Start_ScheduleFails_Returns503AndLeavesNoRecordBlobOrInstance_ThenTheSameStartCompletes()
    {
        // A lecture whose input is offloaded: the schedule writes a payload reference first, and that write fails.
        var faults = new Faults { FailPut = key => key.StartsWith(BlobKey.PayloadRefsByPayloadPrefix, StringComparison.Ordinal) };
        await using var host = Host(faults);
        using var http = host.CreateClient();
        var body = Lectures.Body("schedule-fails", segments: 3, stages: ["music"]);
        foreach (var segment in body["segments"]!.AsArray())
        {
            segment!["text"] = string.Concat(Enumerable.Repeat("The moon pulls the oceans into a bulge. ", 200));
        }

        await AssertUnavailableAsync(await http.PostAsync("/api/jobs/lecture-media", Lectures.Json(body)));
        Assert.Equal(1, faults.Thrown);
        Assert.Equal((0, 0, 0), await host.CountStoredAsync());

        await AssertCompletesAsync(host, http, "schedule-fails", body.ToJsonString());
    }

    [Theory]
    [InlineData("lecture-media")]
    [InlineData("podcast-episode")]
    public async Task Start_StopsRightAfterTheRecordWrite_TheNextIdenticalStartFinishesTheJob(string type)
    {
        // The store writes the record and the answer is lost: what a crash right after the record write leaves.
        var faults = new Faults { FailCreateAfterWrite = true };
        await using var host = Host(faults);
        using var http = host.CreateClient();
        var body = type == "lecture-media"
            ? Lectures.Body("record-only", segments: 1, stages: ["music"]).ToJsonString()
            : """{ "jobId": "record-only", "format": "interview", "topic": "How tides work", "host": { "name": "Ada", "voice": { "pitch": 40 } }, "guest": { "name": "Grace", "description": "an oceanographer", "voice": { "pitch": 80 } }, "options": { "turns": 2 } }""";

        await AssertUnavailableAsync(await http.PostAsync($"/api/jobs/{type}", Lectures.Json(body)));
        Assert.Equal(JobStatus.Pending, (await host.Jobs.GetAsync("record-only"))!.Status);
        Assert.Empty(await host.InstanceIdsAsync("record-only"));

        await AssertCompletesAsync(host, http, "record-only", body, type);
    }

    [Fact]
    public async Task Start_StopsAfterTheRequestBlobBeforeTheSchedule_TheNextIdenticalStartFinishesTheJob()
    {
        // The request blob is written, then the schedule fails and so does its undo (as if the process died there):
        // the record and the blob are left, without an instance.
        var faults = new Faults
        {
            FailPut = key => key.StartsWith(BlobKey.PayloadRefsByPayloadPrefix, StringComparison.Ordinal),
            FailDelete = key => key == JobsApiKeys.Request("blob-then-stop"),
        };
        await using var host = Host(faults);
        using var http = host.CreateClient();
        var body = Lectures.Body("blob-then-stop", segments: 3, stages: ["music"]);
        foreach (var segment in body["segments"]!.AsArray())
        {
            segment!["text"] = string.Concat(Enumerable.Repeat("The moon pulls the oceans into a bulge. ", 200));
        }

        await AssertUnavailableAsync(await http.PostAsync("/api/jobs/lecture-media", Lectures.Json(body)));
        Assert.Equal(JobStatus.Pending, (await host.Jobs.GetAsync("blob-then-stop"))!.Status);
        Assert.True(await host.Blobs.ExistsAsync(JobsApiKeys.Request("blob-then-stop")));
        Assert.Empty(await host.InstanceIdsAsync("blob-then-stop"));

        await AssertCompletesAsync(host, http, "blob-then-stop", body.ToJsonString());
    }

    private static PipelineHostFactory Host(Faults faults) => new(services: s => s
        .Decorate<IBlobStore>((inner, _) => new FlakyBlobStore(inner, faults))
        .Decorate<IJobRepository>((inner, _) => new FlakyJobRepository(inner, faults)));

    private static async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            var detail = Lectures.Parse(text).GetProperty("detail").GetString()!;
            Assert.DoesNotContain(Faults.Message, detail, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", detail, StringComparison.Ordinal);
        }
    }

    private static async Task AssertCompletesAsync(PipelineHostFactory host, HttpClient http, string jobId, string body, string type = "lecture-media")
    {
        using (var again = await http.PostAsync($"/api/jobs/{type}", Lectures.Json(body)))
        {
            Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        }

        var done = await host.Client.WaitForInstanceCompletionAsync(jobId).WaitAsync(JobTimeout);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(JobStatus.Completed, (await host.Jobs.GetAsync(jobId))!.Status);
        Assert.Equal([jobId], (await host.InstanceIdsAsync(jobId)).Where(id => id == jobId));
    }

    /// <summary>Where to fail, once each.</summary>
    private sealed class Faults
    {
        public const string Message = "injected store fault";

        private int _thrown;
        private int _put;
        private int _delete;
        private int _create;

        public Func<string, bool>? FailPut { get; init; }

        public Func<string, bool>? FailDelete { get; init; }

        public bool FailCreateAfterWrite { get; init; }

        public int Thrown => Volatile.Read(ref _thrown);

        public void OnPut(string key) => Once(FailPut?.Invoke(key) == true, ref _put);

        public void OnDelete(string key) => Once(FailDelete?.Invoke(key) == true, ref _delete);

        public void OnCreated() => Once(FailCreateAfterWrite, ref _create);

        private void Once(bool wanted, ref int done)
        {
            if (wanted && Interlocked.Exchange(ref done, 1) == 0)
            {
                Interlocked.Increment(ref _thrown);
                throw new IOException(Message);
            }
        }
    }

    private sealed class FlakyBlobStore(IBlobStore inner, Faults faults) : IBlobStore
    {
        public Task<BlobRef> PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken = default)
        {
            faults.OnPut(key);
            return inner.PutAsync(key, content, contentType, cancellationToken);
        }

        public Task<BlobRef> CreateAsync(string key, Stream content, string contentType, CancellationToken cancellationToken = default)
        {
            faults.OnPut(key);
            return inner.CreateAsync(key, content, contentType, cancellationToken);
        }

        public Task<Stream> GetAsync(string key, CancellationToken cancellationToken = default) => inner.GetAsync(key, cancellationToken);

        public Task<BlobProperties> GetPropertiesAsync(string key, CancellationToken cancellationToken = default) => inner.GetPropertiesAsync(key, cancellationToken);

        public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default) => inner.ExistsAsync(key, cancellationToken);

        public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
        {
            faults.OnDelete(key);
            return inner.DeleteAsync(key, cancellationToken);
        }

        public Task<int> DeleteByPrefixAsync(string prefix, CancellationToken cancellationToken = default) => inner.DeleteByPrefixAsync(prefix, cancellationToken);

        public Task<BlobPage> ListAsync(string prefix, string? continuationToken = null, int pageSize = 1000, CancellationToken cancellationToken = default)
            => inner.ListAsync(prefix, continuationToken, pageSize, cancellationToken);
    }

    private sealed class FlakyJobRepository(IJobRepository inner, Faults faults) : IJobRepository
    {
        public async Task<JobRecord> CreateAsync(JobRecord record, CancellationToken cancellationToken = default)
        {
            var created = await inner.CreateAsync(record, cancellationToken);
            faults.OnCreated();
            return created;
        }

        public Task<JobRecord?> GetAsync(string jobId, CancellationToken cancellationToken = default) => inner.GetAsync(jobId, cancellationToken);

        public Task<JobRecord> UpdateAsync(string jobId, Func<JobRecord, JobRecord> change, CancellationToken cancellationToken = default)
            => inner.UpdateAsync(jobId, change, cancellationToken);

        public Task<JobPage> ListAsync(JobQuery query, CancellationToken cancellationToken = default) => inner.ListAsync(query, cancellationToken);

        public Task<bool> DeleteAsync(string jobId, CancellationToken cancellationToken = default) => inner.DeleteAsync(jobId, cancellationToken);

        public Task<bool> DeleteIfMatchAsync(string jobId, string etag, CancellationToken cancellationToken = default)
            => inner.DeleteIfMatchAsync(jobId, etag, cancellationToken);
    }

    private static class JobsApiKeys
    {
        public static string Request(string jobId) => Domain.Api.JobsApi.RequestKey(jobId);
    }
}
