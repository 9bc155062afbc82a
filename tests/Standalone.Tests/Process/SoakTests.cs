using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Standalone.Tests.Fakes;
using Xunit.Abstractions;

namespace Pipeline.Standalone.Tests.Process;

/// <summary>
/// The host as a real process under load, faults, crashes and abuse at once, for a bounded few minutes: small lecture
/// jobs run side by side with 30 % of generator calls failing transiently (fixed seed); the host is killed (SIGKILL)
/// mid-work twice and started again on the same data root, task hub and port; while jobs are in flight each host life
/// gets a round of hostile requests and rounds of eight identical starts racing for one new id.
/// Asserted at the end, every failed case listed with its request and status: nothing is lost (every job finishes
/// Completed with every asset its request implies in its manifest, Succeeded), every download matches its SHA-256 and
/// length, no response anywhere is a 5xx (while the host is down a refused connection is expected, and is not an
/// answer), hostile requests get their 4xx and create nothing, and identical starts all answer 202 for one job.
/// Retries: 12 attempts per asset. With independent 30 % transient decisions per attempt an asset exhausts them with
/// probability 0.3^12 ≈ 5.3e-7, about 4e-5 for the run's 84 assets; there is no permanent fault.
/// </summary>
public sealed class SoakTests(ITestOutputHelper output)
{
    private const int Lives = 3;
    private const int Segments = 2;
    private const int IdenticalStarts = 8;
    private const int RacesPerLife = 5;
    private const string Start = "/api/jobs/lecture-media";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(150);
    private static readonly TimeSpan RequestDeadline = TimeSpan.FromSeconds(30);

    private readonly ConcurrentQueue<string> _failures = new();
    private readonly ConcurrentQueue<(string Method, string Path, int Status)> _responses = new();

    [Fact]
    public async Task HostUnderFaultsKillsAndHostileRequests_LosesNothingAnswersNo5xxAndStartsIdempotently()
    {
        var clock = Stopwatch.StartNew();
        var root = Directory.CreateTempSubdirectory("pipeline-soak-");
        var hub = Pipeline.Testing.TestStorage.NewTaskHubName();
        var environment = HostProcess.EngineEnvironment(hub, new Dictionary<string, string> { ["Pipeline:DurableTask:WorkItemQueueVisibilityTimeout"] = "00:00:10" });
        var port = HostProcess.FreePort();
        var arguments = Settings(root.FullName).Select(s => $"--{s.Key}={s.Value}").Prepend($"--urls=http://127.0.0.1:{port}").ToList();
        using var http = new HttpClient(new RecordingHandler(_responses)) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = RequestDeadline };
        var started = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var unfinishedAtKill = new List<int>();
        HostProcess? host = null;
        try
        {
            for (var life = 0; life < Lives; life++)
            {
                host = HostProcess.Start(root.FullName, arguments, environment);
                await host.WaitHealthyAsync(http, Deadline);
                output.WriteLine($"{clock.Elapsed:mm\\:ss} life {life}: healthy");

                // Work in flight first, then abuse and a race beside it.
                if (life == 0)
                {
                    await StartAsync(http, "soak-0-a", started);
                }

                // The race is timing-dependent: a full lecture and a few one-asset ones per life.
                var races = Task.WhenAll(Enumerable.Range(0, RacesPerLife)
                    .Select(n => RaceAsync(http, $"soak-race-{life}-{n}", musicOnly: n > 0, started)));
                await HostileRoundAsync(port, life);
                await races;
                output.WriteLine($"{clock.Elapsed:mm\\:ss} life {life}: hostile round and race done");

                if (life == Lives - 1)
                {
                    break;
                }

                // Fresh jobs, killed once they are under way.
                var fresh = new[] { $"soak-{life}-b", $"soak-{life}-c" };
                foreach (var id in fresh)
                {
                    await StartAsync(http, id, started);
                }

                unfinishedAtKill.Add(await WaitUnderWayAsync(http, host, fresh));
                host.Kill();
                host.Dispose();
                host = null;
                output.WriteLine($"{clock.Elapsed:mm\\:ss} life {life}: killed");
            }

            foreach (var (id, expected) in started)
            {
                await VerifyFinishedAsync(http, host!, id, expected);
            }

            await VerifyNothingElseCreatedAsync(http, [.. started.Keys]);
            output.WriteLine($"{clock.Elapsed:mm\\:ss} verified {started.Count} jobs");
        }
        finally
        {
            host?.Dispose();
            await HostProcess.DeleteTaskHubAsync(hub);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            root.Delete(recursive: true);
        }

        Assert.All(unfinishedAtKill, n => Assert.True(n > 0, "a kill came after the jobs it was meant to interrupt had finished"));
        foreach (var (method, path, status) in _responses.Where(r => r.Status >= 500))
        {
            _failures.Enqueue($"{method} {path} answered {status}");
        }

        output.WriteLine($"{_responses.Count} responses, {_failures.Count} failures, {clock.Elapsed:mm\\:ss}");
        Assert.True(_failures.IsEmpty, $"{_failures.Count} failed:{Environment.NewLine}{string.Join(Environment.NewLine, _failures)}");
    }

    private static Dictionary<string, string?> Settings(string root)
    {
        var settings = PipelineHostFactory.Defaults(root);
        settings["Pipeline:Lecture:Retry:MaxAttempts"] = "12";
        settings["Pipeline:Lecture:Retry:FirstInterval"] = "00:00:00.200";
        settings["Pipeline:Lecture:Retry:BackoffCoefficient"] = "1.5";
        settings["Pipeline:Lecture:Retry:MaxInterval"] = "00:00:02";
        settings["Pipeline:Media:FaultInjection:Enabled"] = "true";
        settings["Pipeline:Media:FaultInjection:Seed"] = "1307";
        settings["Pipeline:Media:FaultInjection:TransientRate"] = "0.3";
        settings["Pipeline:Media:FaultInjection:Latency:Distribution"] = "Uniform";
        settings["Pipeline:Media:FaultInjection:Latency:MinMilliseconds"] = "50";
        settings["Pipeline:Media:FaultInjection:Latency:MaxMilliseconds"] = "300";
        return settings;
    }

    /// <summary>A small lecture whose texts and prompts name the job, so no two jobs make the same bytes.</summary>
    private static JsonObject Body(string jobId, bool musicOnly = false)
    {
        var body = Lectures.Body(jobId, Segments, musicOnly ? ["music"] : null, title: $"Tides ({jobId})");
        foreach (var segment in body["segments"]!.AsArray())
        {
            var index = segment!["index"]!.GetValue<int>();
            segment["text"] = $"Segment {index} of {jobId}: the moon pulls the oceans into a bulge.";
            segment["imagePrompts"] = new JsonArray($"tide diagram {index} for {jobId}");
        }

        body["music"]!["prompt"] = $"calm ocean ambience for {jobId}";
        body["options"] ??= new JsonObject();
        body["options"]!["maxConcurrency"] = 2;
        return body;
    }

    /// <summary>The asset ids the request implies: per segment its image, narration, starting image and video; the music.</summary>
    private static HashSet<string> ExpectedAssets(bool musicOnly)
        => musicOnly
            ? ["music"]
            : [.. Enumerable.Range(0, Segments).SelectMany(i => new[] { $"seg-{i:D3}-img-0", $"seg-{i:D3}-narration", $"seg-{i:D3}-start", $"seg-{i:D3}-video" }), "music"];

    private async Task StartAsync(HttpClient http, string jobId, Dictionary<string, HashSet<string>> started)
    {
        started[jobId] = ExpectedAssets(musicOnly: false);
        using var response = await http.PostAsync(Start, Lectures.Json(Body(jobId)));
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            _failures.Enqueue($"start of {jobId}: POST {Start} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Eight identical starts of one new id at once: all must answer 202 with the same job.</summary>
    private async Task RaceAsync(HttpClient http, string jobId, bool musicOnly, Dictionary<string, HashSet<string>> started)
    {
        lock (started)
        {
            started[jobId] = ExpectedAssets(musicOnly);
        }

        var body = Encoding.UTF8.GetBytes(Body(jobId, musicOnly).ToJsonString());
        var gate = new StartGate(IdenticalStarts);
        var answers = await Task.WhenAll(Enumerable.Range(0, IdenticalStarts).Select(async _ =>
        {
            using var response = await http.PostAsync(Start, new GatedContent(body, gate));
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }));
        var statuses = string.Join(", ", answers.Select(a => a.Item1));
        if (answers.Any(a => a.Item1 != 202))
        {
            _failures.Enqueue($"{IdenticalStarts} identical starts of {jobId} (POST {Start}) answered {statuses}, not all 202: " +
                string.Join(" | ", answers.Where(a => a.Item1 != 202).Select(a => a.Item2).Distinct()));
        }
        else if (answers.Select(a => a.Item2).Distinct(StringComparer.Ordinal).Count() != 1)
        {
            _failures.Enqueue($"{IdenticalStarts} identical starts of {jobId} answered 202 with different bodies: " +
                string.Join(" | ", answers.Select(a => a.Item2).Distinct(StringComparer.Ordinal)));
        }

        output.WriteLine($"race {jobId}: {statuses}");
    }

    /// <summary>Hostile requests side by side while jobs run; each must get its 4xx (never a 5xx) and create nothing.</summary>
    private async Task HostileRoundAsync(int port, int life)
    {
        // Not the recording client: every hostile answer is checked, and reported, by its case's name.
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = RequestDeadline };
        var valid = Body("soak-hostile").ToJsonString();
        var cases = new (string Name, int Expected, Func<Task<string>> Send)[]
        {
            ("a 50 MB chunked body", 413, () => RawAsync(port, $"POST {Start} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n", ChunkedAsync)),
            ("a body trickling 1 byte/s", 408, () => RawAsync(port, $"POST {Start} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n", TrickleAsync)),
            ("a chunk size that is not hex", 400, () => RawAsync(port, $"POST {Start} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{{}}\r\n0\r\n\r\n", null)),
            ("a job id ending in a newline", 400, () => SendAsync(http, Start, Encoding.UTF8.GetBytes(Patch(valid, "jobId", "\"soak-newline-" + life + "\\n\"")))),
            ("oversized headers (64 KiB)", 431, () => RawAsync(port, $"GET /api/jobs HTTP/1.1\r\nHost: x\r\nX-Filler: {new string('a', 64 * 1024)}\r\n\r\n", null)),
            ("an oversized request line (16 KiB)", 414, () => RawAsync(port, $"GET /api/jobs/{new string('a', 16 * 1024)} HTTP/1.1\r\nHost: x\r\n\r\n", null)),
            ("an unknown job type", 404, () => SendAsync(http, "/api/jobs/no-such-type", Encoding.UTF8.GetBytes(valid))),
            ("malformed JSON", 400, () => SendAsync(http, Start, Encoding.UTF8.GetBytes("{\"lectureId\": \"tides\", \"segments\": ["))),
            ("invalid UTF-8", 400, () => SendAsync(http, Start, InvalidUtf8(Patch(valid, "jobId", $"\"soak-utf8-{life}\"")))),
        };

        var answers = await Task.WhenAll(cases.Select(async c => (c.Name, c.Expected, Answer: await c.Send())));
        foreach (var (name, expected, answer) in answers)
        {
            output.WriteLine($"life {life}, {name}: {answer}");
            if (!answer.StartsWith($"{expected} ", StringComparison.Ordinal) && answer != $"{expected}")
            {
                _failures.Enqueue($"hostile request in life {life}, {name}: expected {expected}, got {answer}");
            }
        }
    }

    private static string Patch(string json, string property, string value)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node[property] = JsonNode.Parse(value);
        return node.ToJsonString();
    }

    /// <summary>The body with a lead byte that has no continuation in the title.</summary>
    private static byte[] InvalidUtf8(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(Patch(json, "title", "\"Tides # here\""));
        bytes[Array.IndexOf(bytes, (byte)'#')] = 0xC3;
        return bytes;
    }

    /// <summary>A well-formed HTTP request through the recording client: "status body".</summary>
    private static async Task<string> SendAsync(HttpClient http, string path, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        using var response = await http.PostAsync(path, content);
        return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
    }

    /// <summary>50 MB of JSON whitespace in 64 KiB chunks, sent as fast as the host takes it.</summary>
    private static async Task ChunkedAsync(Stream stream, CancellationToken cancellationToken)
    {
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)' ');
        var header = Encoding.ASCII.GetBytes($"{chunk.Length:x}\r\n");
        var crlf = "\r\n"u8.ToArray();
        for (var sent = 0L; sent < 50L * 1024 * 1024; sent += chunk.Length)
        {
            await stream.WriteAsync(header, cancellationToken);
            await stream.WriteAsync(chunk, cancellationToken);
            await stream.WriteAsync(crlf, cancellationToken);
        }

        await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), cancellationToken);
    }

    /// <summary>One byte a second: the rate itself, not a wait for anything.</summary>
    private static async Task TrickleAsync(Stream stream, CancellationToken cancellationToken)
    {
        for (var i = 0; i < 4096; i++)
        {
            await stream.WriteAsync(new[] { (byte)(i == 0 ? '{' : ' ') }, cancellationToken);
            await stream.FlushAsync(cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    /// <summary>
    /// Sends raw bytes (what HttpClient will not send) and then the body writer's, reading the answer at the same time;
    /// returns "status first-line-and-body" once the host answers, or what happened instead.
    /// </summary>
    private static async Task<string> RawAsync(int port, string head, Func<Stream, CancellationToken, Task>? body)
    {
        using var client = new TcpClient();
        using var deadline = new CancellationTokenSource(RequestDeadline);
        await client.ConnectAsync(IPAddress.Loopback, port, deadline.Token);
        var stream = client.GetStream();
        using var stopWriting = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
        var writing = Task.Run(async () =>
        {
            try
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head), stopWriting.Token);
                if (body is not null)
                {
                    await body(stream, stopWriting.Token);
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The host answered (or closed) before the body was all sent.
            }
        });
        var answer = new StringBuilder();
        var buffer = new byte[16 * 1024];
        try
        {
            while (!answer.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer, deadline.Token);
                if (read == 0)
                {
                    break;
                }

                answer.Append(Encoding.Latin1.GetString(buffer, 0, read));
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            answer.Append(answer.Length == 0 ? $"(no answer: {e.GetType().Name})" : string.Empty);
        }

        await stopWriting.CancelAsync();
        await writing;
        var text = answer.ToString();
        var line = text.Split("\r\n")[0];
        var parts = line.Split(' ');
        if (parts.Length >= 2 && parts[0].StartsWith("HTTP/", StringComparison.Ordinal) && int.TryParse(parts[1], out var status))
        {
            return $"{status} {line}";
        }

        return text.Length == 0 ? "no answer (connection closed)" : text;
    }

    /// <summary>Waits until the fresh jobs have assets done but are not all finished; returns how many were unfinished.</summary>
    private async Task<int> WaitUnderWayAsync(HttpClient http, HostProcess host, string[] jobs)
    {
        var until = DateTime.UtcNow + Deadline;
        while (DateTime.UtcNow < until)
        {
            Assert.False(host.Process.HasExited, $"The host exited: {host.Output}");
            var views = new List<JsonElement>();
            foreach (var id in jobs)
            {
                using var response = await http.GetAsync($"/api/jobs/{id}");
                if (response.IsSuccessStatusCode)
                {
                    views.Add(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
                }
            }

            var unfinished = views.Count(v => v.GetProperty("status").GetString() is "Pending" or "Running");
            if (views.Count == jobs.Length && (views.Sum(v => v.GetProperty("progress").GetProperty("succeeded").GetInt32()) >= 3 || unfinished == 0))
            {
                return unfinished;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"The fresh jobs never got under way: {host.Output}");
        return 0;
    }

    /// <summary>
    /// The job finished Completed with every asset its request implies, each download matching its SHA-256 and length.
    /// A job that ended CompletedWithErrors gets one <c>POST /api/jobs/{id}/retry</c> (what a user does to recover
    /// failed assets) and must then complete; the assets that needed it are written to the test output. Any other end
    /// is a failure.
    /// </summary>
    private async Task VerifyFinishedAsync(HttpClient http, HostProcess host, string jobId, HashSet<string> expected)
    {
        if (await WaitFinishedAsync(http, host, jobId) is not { } job)
        {
            return;
        }

        if (job.GetProperty("status").GetString() == "CompletedWithErrors")
        {
            output.WriteLine($"job {jobId}: CompletedWithErrors, retrying its failed assets: {FailedAssets(job)}");
            using var retry = await http.PostAsync($"/api/jobs/{jobId}/retry", content: null);
            if (retry.StatusCode != HttpStatusCode.Accepted || await WaitFinishedAsync(http, host, jobId) is not { } retried)
            {
                _failures.Enqueue($"job {jobId}: retry of its failed assets answered {(int)retry.StatusCode} or never finished");
                return;
            }

            job = retried;
        }

        var status = job.GetProperty("status").GetString();
        if (status != "Completed")
        {
            var error = job.TryGetProperty("error", out var e) ? e.ToString() : "no error";
            _failures.Enqueue($"job {jobId}: ended {status} ({error}); failed assets: {FailedAssets(job)}");
        }

        var assets = job.GetProperty("assets").EnumerateArray().ToDictionary(a => a.GetProperty("id").GetString()!, StringComparer.Ordinal);
        var missing = expected.Where(id => !assets.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            _failures.Enqueue($"job {jobId}: assets missing from its manifest: {string.Join(", ", missing)}");
        }

        foreach (var (id, asset) in assets)
        {
            if (asset.GetProperty("status").GetString() != "Succeeded")
            {
                continue;
            }

            if (!asset.TryGetProperty("url", out var url) || !asset.TryGetProperty("sha256", out var sha) || !asset.TryGetProperty("length", out var length))
            {
                _failures.Enqueue($"job {jobId}, asset {id}: succeeded without url, sha256 or length: {asset}");
                continue;
            }

            using var download = await http.GetAsync(url.GetString());
            var bytes = await download.Content.ReadAsByteArrayAsync();
            if (download.StatusCode != HttpStatusCode.OK || Convert.ToHexStringLower(SHA256.HashData(bytes)) != sha.GetString() || bytes.Length != length.GetInt64())
            {
                _failures.Enqueue($"job {jobId}, asset {id}: GET {url} answered {(int)download.StatusCode} with {bytes.Length} bytes, " +
                    $"SHA-256 {Convert.ToHexStringLower(SHA256.HashData(bytes))}; the manifest says {length} bytes, {sha}");
            }
        }
    }

    /// <summary>Polls the job until it is neither Pending nor Running; null (with a failure recorded) when it vanished or never finished.</summary>
    private async Task<JsonElement?> WaitFinishedAsync(HttpClient http, HostProcess host, string jobId)
    {
        var until = DateTime.UtcNow + Deadline;
        JsonElement job = default;
        while (true)
        {
            Assert.False(host.Process.HasExited, $"The host exited: {host.Output}");
            using var response = await http.GetAsync($"/api/jobs/{jobId}");
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                _failures.Enqueue($"job {jobId}: accepted, but GET /api/jobs/{jobId} answers 404");
                return null;
            }

            if (response.IsSuccessStatusCode)
            {
                job = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
                if (job.GetProperty("status").GetString() is not ("Pending" or "Running"))
                {
                    return job;
                }
            }

            if (DateTime.UtcNow > until)
            {
                _failures.Enqueue($"job {jobId}: not finished within {Deadline.TotalSeconds} s: {job}");
                return null;
            }

            await Task.Delay(100);
        }
    }

    private static string FailedAssets(JsonElement job) => string.Join("; ", job.GetProperty("assets").EnumerateArray()
        .Where(a => a.GetProperty("status").GetString() != "Succeeded")
        .Select(a => $"{a.GetProperty("id")}: {a.GetProperty("status")} {(a.TryGetProperty("error", out var x) ? x.ToString() : string.Empty)}"));

    /// <summary>Only the accepted starts made job records: a request that failed left nothing behind.</summary>
    private async Task VerifyNothingElseCreatedAsync(HttpClient http, List<string> started)
    {
        using var response = await http.GetAsync("/api/jobs?limit=1000");
        var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var ids = page.GetProperty("items").EnumerateArray().Select(j => j.GetProperty("id").GetString()!).ToList();
        foreach (var extra in ids.Except(started, StringComparer.Ordinal))
        {
            _failures.Enqueue($"a failed request left a job record behind: {JsonSerializer.Serialize(extra)}");
        }

        foreach (var twice in ids.GroupBy(id => id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            _failures.Enqueue($"job {twice.Key} has {twice.Count()} records");
        }
    }

    /// <summary>Opens once every racing request has sent its headers and waits to send its body.</summary>
    private sealed class StartGate(int count)
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _waiting;

        public Task ArriveAsync()
        {
            if (Interlocked.Increment(ref _waiting) == count)
            {
                _open.TrySetResult();
            }

            return _open.Task;
        }
    }

    /// <summary>A JSON body sent only when the gate opens, so the racing starts reach the host together.</summary>
    private sealed class GatedContent : HttpContent
    {
        private readonly byte[] _body;
        private readonly StartGate _gate;

        public GatedContent(byte[] body, StartGate gate)
        {
            (_body, _gate) = (body, gate);
            Headers.ContentType = new("application/json") { CharSet = "utf-8" };
            Headers.ContentLength = body.Length;
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await _gate.ArriveAsync().WaitAsync(RequestDeadline);
            await stream.WriteAsync(_body);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _body.Length;
            return true;
        }
    }

    /// <summary>Records the status of every response the client gets.</summary>
    private sealed class RecordingHandler(ConcurrentQueue<(string Method, string Path, int Status)> responses) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            responses.Enqueue((request.Method.Method, request.RequestUri!.PathAndQuery, (int)response.StatusCode));
            return response;
        }
    }
}
