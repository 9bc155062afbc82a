using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Pipeline.Infrastructure.Tests.Podcast;

/// <summary>
/// An in-process server (Kestrel on 127.0.0.1, a free port) that speaks pyannoteAI's REST routes as its API reference
/// describes them: <c>POST /v1/media/input</c> answers 201 with a pre-signed PUT URL (served here too, hashing what it
/// receives), <c>POST /v1/diarize</c> answers a job id, <c>GET /v1/jobs/{jobId}</c> answers <c>running</c> for the
/// first <see cref="RunningPolls"/> polls, then <c>succeeded</c> with <see cref="Segments"/> (or <c>failed</c> with
/// <see cref="FailureReason"/>). Every API route wants <c>Authorization: Bearer {ApiKey}</c>. Canned answers queued with
/// <see cref="Answer"/> are served first, per route.
/// </summary>
internal sealed class PyannoteProtocolServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Canned>> _canned = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _polls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _jobs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);

    private PyannoteProtocolServer(WebApplication app) => _app = app;

    public string ApiKey { get; init; } = "test-key";

    /// <summary>How many polls of a job answer <c>running</c> before it is over.</summary>
    public int RunningPolls { get; set; } = 2;

    public IReadOnlyList<(string Speaker, double Start, double End)> Segments { get; set; } =
    [
        ("SPEAKER_01", 0.5, 4.25),
        ("SPEAKER_00", 4.5, 9.0),
        ("SPEAKER_01", 9.25, 12.0),
    ];

    /// <summary>When set, a job ends <c>failed</c> with this error.</summary>
    public string? FailureReason { get; set; }

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Each upload received: the media URL's object key → (bytes, SHA-256, Content-Type, whether it carried an Authorization header).</summary>
    public ConcurrentDictionary<string, Upload> Uploads { get; } = new(StringComparer.Ordinal);

    /// <summary>The bodies of <c>POST /v1/diarize</c>, in order.</summary>
    public ConcurrentQueue<JsonObject> DiarizeRequests { get; } = new();

    /// <summary>When each poll arrived (server clock), in order.</summary>
    public ConcurrentQueue<DateTimeOffset> PollTimes { get; } = new();

    /// <summary>How many requests a route received (<c>media/input</c>, <c>upload</c>, <c>diarize</c>, <c>jobs</c>).</summary>
    public int Requests(string route) => _requests.GetValueOrDefault(route);

    public int Polls(string jobId) => _polls.GetValueOrDefault(jobId);

    public static async Task<PyannoteProtocolServer> StartAsync(string apiKey = "test-key")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new PyannoteProtocolServer(app) { ApiKey = apiKey };
        server.Map(app);
        await app.StartAsync();
        var address = app.Services.GetService(typeof(IServer)) is IServer s ? s.Features.Get<IServerAddressesFeature>()!.Addresses.First() : throw new InvalidOperationException("No server.");
        server.Endpoint = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));
        return server;
    }

    /// <summary>Queues a canned answer for the next request to <paramref name="route"/> (<c>media/input</c>, <c>upload</c>, <c>diarize</c>, <c>jobs</c>).</summary>
    public void Answer(string route, int status, string body, string? retryAfter = null)
        => _canned.GetOrAdd(route, _ => new ConcurrentQueue<Canned>()).Enqueue(new Canned(status, body, retryAfter));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Map(WebApplication app)
    {
        app.MapPost("/v1/media/input", async context =>
        {
            if (await Guard(context, "media/input", api: true))
            {
                return;
            }

            var body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject;
            var url = body?["url"]?.GetValue<string>();
            if (url is null || !System.Text.RegularExpressions.Regex.IsMatch(url, @"^media://[a-zA-Z0-9\-_\./]+$"))
            {
                await Json(context, 400, new { message = "Invalid request", errors = new[] { new { field = "url", message = "url must be a media:// url" } } });
                return;
            }

            var key = url["media://".Length..];
            await Json(context, 201, new { url = new Uri(Endpoint, $"presigned/{key}?X-Amz-Signature=abc123").ToString() });
        });

        app.MapPut("/presigned/{**key}", async context =>
        {
            if (await Guard(context, "upload", api: false))
            {
                return;
            }

            var key = (string)context.Request.RouteValues["key"]!;
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            long length = 0;
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                length += read;
            }

            Uploads[key] = new Upload(length, Convert.ToHexStringLower(hash.GetHashAndReset()), context.Request.ContentType, context.Request.Headers.Authorization.Count > 0, context.Request.ContentLength);
            context.Response.StatusCode = 200;
        });

        app.MapPost("/v1/diarize", async context =>
        {
            if (await Guard(context, "diarize", api: true))
            {
                return;
            }

            var body = (JsonObject)(await JsonNode.ParseAsync(context.Request.Body))!;
            DiarizeRequests.Enqueue(body);
            var url = body["url"]?.GetValue<string>() ?? string.Empty;
            if (!url.StartsWith("media://", StringComparison.Ordinal) || !Uploads.ContainsKey(url["media://".Length..]))
            {
                await Json(context, 400, new { message = "Invalid request", errors = new[] { new { field = "url", message = "no media was uploaded at this url" } } });
                return;
            }

            var jobId = Guid.NewGuid().ToString();
            _jobs[jobId] = url;
            await Json(context, 200, new { jobId, status = "created" });
        });

        app.MapGet("/v1/jobs/{jobId}", async context =>
        {
            if (await Guard(context, "jobs", api: true))
            {
                return;
            }

            var jobId = (string)context.Request.RouteValues["jobId"]!;
            if (!_jobs.ContainsKey(jobId))
            {
                await Json(context, 404, new { requestId = Guid.NewGuid(), message = "Job not found" });
                return;
            }

            PollTimes.Enqueue(DateTimeOffset.UtcNow);
            var poll = _polls.AddOrUpdate(jobId, 1, (_, n) => n + 1);
            var now = DateTimeOffset.UtcNow.ToString("O");
            if (poll <= RunningPolls)
            {
                await Json(context, 200, new { jobId, status = poll == 1 ? "pending" : "running", createdAt = now, updatedAt = now });
                return;
            }

            if (FailureReason is { } reason)
            {
                await Json(context, 200, new { jobId, status = "failed", createdAt = now, updatedAt = now, output = new { error = reason } });
                return;
            }

            await Json(context, 200, new
            {
                jobId,
                status = "succeeded",
                createdAt = now,
                updatedAt = now,
                output = new { diarization = Segments.Select(s => new { speaker = s.Speaker, start = s.Start, end = s.End }) },
            });
        });
    }

    /// <summary>Counts the request, then answers it (and returns true) when it is refused or a canned answer is queued.</summary>
    private async Task<bool> Guard(HttpContext context, string route, bool api)
    {
        _requests.AddOrUpdate(route, 1, (_, n) => n + 1);
        if (api && !string.Equals(context.Request.Headers.Authorization.ToString(), $"Bearer {ApiKey}", StringComparison.Ordinal))
        {
            await Json(context, 401, new { requestId = Guid.NewGuid(), message = "Invalid API key" });
            return true;
        }

        if (_canned.TryGetValue(route, out var queue) && queue.TryDequeue(out var canned))
        {
            if (canned.RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }

            context.Response.StatusCode = canned.Status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(canned.Body);
            return true;
        }

        return false;
    }

    private static Task Json(HttpContext context, int status, object body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }

    internal sealed record Upload(long Length, string Sha256, string? ContentType, bool HadAuthorization, long? ContentLength);

    private sealed record Canned(int Status, string Body, string? RetryAfter);
}
