using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text;
using System.Text.Json;
using Pipeline.Standalone.Tests.Fakes;

namespace Pipeline.Standalone.Tests.Http;

/// <summary>
/// Hostile and broken requests: each is answered with the right status and an RFC 9457 problem naming the field,
/// nothing is stored, and the host keeps serving.
/// </summary>
public sealed class BadInputTests(BadInputTests.Host host) : IClassFixture<BadInputTests.Host>
{
    public const int BodyLimit = 64 * 1024;

    public static TheoryData<string, string, string, string?, int, string?> Cases()
    {
        var valid = Lectures.Body().ToJsonString();
        string With(string property, string json) => Patch(valid, property, json);
        string Segment(string property, string json)
        {
            var parts = new List<string>();
            if (property != "index")
            {
                parts.Add("\"index\":0");
            }

            if (property != "text")
            {
                parts.Add("\"text\":\"hi\"");
            }

            parts.Add($"\"{property}\":{json}");
            return Patch(valid, "segments", "[{" + string.Join(',', parts) + "}]");
        }

        var manySegments = "[" + string.Join(',', Enumerable.Range(0, 1001).Select(i => $"{{\"index\":{i},\"text\":\"t\"}}")) + "]";
        var deep = new string('[', 100) + new string(']', 100);
        const string lecture = "/api/jobs/lecture-media";

        return new TheoryData<string, string, string, string?, int, string?>
        {
            // name, method, path, body, status, field named in errors
            { "truncated JSON", "POST", lecture, "{\"lectureId\":", 400, null },
            { "not JSON at all", "POST", lecture, "lecture please", 400, null },
            { "trailing comma", "POST", lecture, valid[..^1] + ",}", 400, null },
            { "comment in JSON", "POST", lecture, "/* hi */" + valid, 400, null },
            { "array instead of object", "POST", lecture, "[]", 400, "body" },
            { "null body", "POST", lecture, "null", 400, "body" },
            { "empty body", "POST", lecture, string.Empty, 400, "body" },
            { "segments is a string", "POST", lecture, With("segments", "\"abc\""), 400, "segments" },
            { "index is a string", "POST", lecture, Segment("index", "\"x\""), 400, "segments[0].index" },
            { "index as number in a string", "POST", lecture, Segment("index", "\"1\""), 400, "segments[0].index" },
            { "index is fractional", "POST", lecture, Segment("index", "1.5"), 400, "segments[0].index" },
            { "title is a number", "POST", lecture, With("title", "42"), 400, "title" },
            { "lectureId missing", "POST", lecture, Remove(valid, "lectureId"), 400, "lectureId" },
            { "segments missing", "POST", lecture, Remove(valid, "segments"), 400, "segments" },
            { "segments empty", "POST", lecture, With("segments", "[]"), 400, "segments" },
            { "1001 segments", "POST", lecture, With("segments", manySegments), 400, "segments" },
            { "segment text over 10000 characters", "POST", lecture, Segment("text", $"\"{new string('a', 10_001)}\""), 400, "segments[0].text" },
            { "title over 300 characters", "POST", lecture, With("title", $"\"{new string('t', 301)}\""), 400, "title" },
            { "five image prompts", "POST", lecture, Segment("imagePrompts", "[\"a\",\"b\",\"c\",\"d\",\"e\"]"), 400, "segments[0].imagePrompts" },
            { "music of 601 seconds", "POST", lecture, With("music", "{\"prompt\":\"p\",\"durationSeconds\":601}"), 400, "music.durationSeconds" },
            { "concurrency 0", "POST", lecture, With("options", "{\"maxConcurrency\":0}"), 400, "options.maxConcurrency" },
            { "unknown stage", "POST", lecture, With("options", "{\"stages\":[\"podcast\"]}"), 400, "options.stages[0]" },
            { "unknown property", "POST", lecture, With("surprise", "true"), 400, "surprise" },
            { "duplicate property", "POST", lecture, valid[..^1] + ",\"title\":\"again\"}", 400, null },
            { "nesting 100 deep", "POST", lecture, With("segments", deep), 400, null },
            { "jobId with upper case", "POST", lecture, With("jobId", "\"ABC-1\""), 400, "jobId" },
            { "jobId with ../", "POST", lecture, With("jobId", "\"../etc/passwd\""), 400, "jobId" },
            { "jobId with a backslash", "POST", lecture, With("jobId", "\"abc\\\\def\""), 400, "jobId" },
            { "jobId over 63 characters", "POST", lecture, With("jobId", $"\"{new string('a', 64)}\""), 400, "jobId" },
            { "control character in text", "POST", lecture, Segment("text", "\"bell\\u0007\""), 400, "segments[0].text" },
            { "lone high surrogate in text", "POST", lecture, Segment("text", "\"broken \\ud800 text\""), 400, "segments[0].text" },
            { "lone low surrogate in title", "POST", lecture, With("title", "\"\\udc00\""), 400, "title" },
            { "text that is only whitespace", "POST", lecture, Segment("text", "\"   \""), 400, "segments[0].text" },
            { "unknown job type", "POST", "/api/jobs/podcast", valid, 404, null },
            { "job type with ..", "POST", "/api/jobs/%2e%2e", valid, 404, null },
            { "unknown job id", "GET", "/api/jobs/no-such-job", null, 404, null },
            // Dot segments, encoded or not, are removed before routing: they can only ever reach another route (or none).
            { "id %2e%2e", "GET", "/api/jobs/%2e%2e/assets/x", null, 404, null },
            { "id ..%2F escaping", "GET", "/api/jobs/..%2Fmeta", null, 400, "id" },
            { "id with a backslash", "GET", "/api/jobs/abc%5Cdef", null, 400, "id" },
            { "id with a control character", "GET", "/api/jobs/abc%07def", null, 400, "id" },
            { "id with upper case", "DELETE", "/api/jobs/ABC-DEF", null, 400, "id" },
            { "id over 63 characters", "GET", $"/api/jobs/{new string('a', 64)}", null, 400, "id" },
            { "id of 2 characters", "POST", "/api/jobs/ab/cancel", null, 400, "id" },
            { "asset id %2e%2e", "GET", "/api/jobs/some-job/assets/%2e%2e", null, 404, null },
            { "asset id ..%2F", "GET", "/api/jobs/some-job/assets/..%2Fmanifest.json", null, 400, "assetId" },
            { "asset id with a control character", "GET", "/api/jobs/some-job/assets/a%01b", null, 400, "assetId" },
            { "asset id with a backslash", "GET", "/api/jobs/some-job/assets/a%5Cb", null, 400, "assetId" },
            { "asset of unknown job", "GET", "/api/jobs/some-job/assets/seg-000-img-0", null, 404, null },
            { "retry of unknown job", "POST", "/api/jobs/no-such-job/retry", null, 404, null },
            { "cancel of unknown job", "POST", "/api/jobs/no-such-job/cancel", null, 404, null },
            { "purge of unknown job", "DELETE", "/api/jobs/no-such-job", null, 404, null },
            { "list with an unknown status", "GET", "/api/jobs?status=Exploded", null, 400, "status" },
            { "list with a numeric status", "GET", "/api/jobs?status=3", null, 400, "status" },
            { "list with limit 0", "GET", "/api/jobs?limit=0", null, 400, "limit" },
            { "list with limit 1001", "GET", "/api/jobs?limit=1001", null, 400, "limit" },
            { "list with limit -5", "GET", "/api/jobs?limit=-5", null, 400, "limit" },
            { "list with a forged token", "GET", "/api/jobs?continuationToken=AAAA", null, 400, "continuationToken" },
            { "list with an unknown type", "GET", "/api/jobs?type=podcast", null, 400, "type" },
            { "steps=maybe", "GET", "/api/jobs/some-job?steps=maybe", null, 400, "steps" },
            { "unknown route", "GET", "/api/nothing-here", null, 404, null },
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Request_BadInput_AnsweredWithAProblemAndNothingStored(string name, string method, string path, string? body, int status, string? field)
    {
        using var http = host.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body is null ? null : Lectures.Json(body) };

        using var response = await http.SendAsync(request);

        await AssertProblemAsync(response, status, field, name);
        Assert.Equal((0, 0, 0), await host.CountStoredAsync());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/jobs")).StatusCode);
    }

    [Fact]
    public async Task Start_BodyOverTheLimit_Is413()
    {
        using var http = host.CreateClient();
        var body = Patch(Lectures.Body().ToJsonString(), "title", $"\"{new string('x', BodyLimit)}\"");

        using var response = await http.PostAsync("/api/jobs/lecture-media", Lectures.Json(body));

        await AssertProblemAsync(response, 413, null, "over the limit");
        Assert.Contains(BodyLimit.ToString(System.Globalization.CultureInfo.InvariantCulture), (await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal((0, 0, 0), await host.CountStoredAsync());
    }

    [Fact]
    public async Task Start_BodyOverTheLimitWithoutContentLength_Is413()
    {
        using var http = host.CreateClient();
        var bytes = Encoding.UTF8.GetBytes(Patch(Lectures.Body().ToJsonString(), "title", $"\"{new string('x', BodyLimit)}\""));
        using var content = new StreamContent(new NoLengthStream(bytes));
        content.Headers.ContentType = new("application/json");

        using var response = await http.PostAsync("/api/jobs/lecture-media", content);

        await AssertProblemAsync(response, 413, null, "chunked, over the limit");
        Assert.Equal((0, 0, 0), await host.CountStoredAsync());
    }

    [Fact]
    public async Task Start_InvalidUtf8_Is400()
    {
        using var http = host.CreateClient();
        var bytes = Encoding.UTF8.GetBytes(Lectures.Body().ToJsonString().Replace("How tides work", "How \u0001 work", StringComparison.Ordinal));
        var at = Array.IndexOf(bytes, (byte)1);
        bytes[at] = 0xC3; // a lead byte with no continuation
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/json");

        using var response = await http.PostAsync("/api/jobs/lecture-media", content);

        await AssertProblemAsync(response, 400, null, "invalid UTF-8");
        Assert.Equal((0, 0, 0), await host.CountStoredAsync());
    }

    [Fact]
    public async Task Start_TextPlainBody_Is415()
    {
        using var http = host.CreateClient();
        using var content = new StringContent(Lectures.Body().ToJsonString(), Encoding.UTF8, "text/plain");

        using var response = await http.PostAsync("/api/jobs/lecture-media", content);

        await AssertProblemAsync(response, 415, null, "text/plain");
        Assert.Equal((0, 0, 0), await host.CountStoredAsync());
    }

    [Fact]
    public async Task Start_ValidRequestAfterBadOnes_IsAccepted()
    {
        await using var fresh = new Host();
        using var http = fresh.CreateClient();
        foreach (var bad in new[] { "{", "[]", Patch(Lectures.Body().ToJsonString(), "segments", "[]"), "{\"jobId\":\"..\\\\x\"}" })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsync("/api/jobs/lecture-media", Lectures.Json(bad))).StatusCode);
        }

        Assert.Equal((0, 0, 0), await fresh.CountStoredAsync());
        var good = await http.PostAsync("/api/jobs/lecture-media", Lectures.Json(Lectures.Body("after-bad", stages: ["music"])));

        Assert.Equal(HttpStatusCode.Accepted, good.StatusCode);
        await fresh.Client.WaitForInstanceCompletionAsync("after-bad").WaitAsync(TimeSpan.FromSeconds(60));
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, int status, string? field, string name)
    {
        Assert.True(status == (int)response.StatusCode, $"{name}: expected {status}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = Lectures.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()), name);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), name);
        if (status == 400)
        {
            var errors = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
            Assert.NotEmpty(errors);
            if (field is not null)
            {
                Assert.True(errors.Contains(field), $"{name}: errors name {string.Join(", ", errors)}, not {field}");
            }
        }
    }

    private static string Patch(string json, string property, string valueJson)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node.Remove(property);
        var text = node.ToJsonString();
        return text[..^1] + (node.Count > 0 ? "," : string.Empty) + $"\"{property}\":{valueJson}}}";
    }

    private static string Remove(string json, string property)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node.Remove(property);
        return node.ToJsonString();
    }

    /// <summary>The host the suite shares: nothing valid is ever sent to it, so its stores must stay empty.</summary>
    public sealed class Host() : PipelineHostFactory(new Dictionary<string, string?> { ["Pipeline:Api:MaxRequestBytes"] = BodyLimit.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    private sealed class NoLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
