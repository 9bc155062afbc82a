using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SkiaSharp;

namespace Pipeline.Infrastructure.Tests.Providers;

/// <summary>
/// An in-process server on 127.0.0.1 that answers the OpenAI REST routes the SDK calls — <c>POST /v1/images/generations</c>
/// (base64 PNG of the requested size), <c>POST /v1/audio/speech</c> (16-bit PCM WAV), <c>POST /v1/chat/completions</c>
/// (with usage) — and the same routes under Azure OpenAI's v1 API (<c>/openai/v1/…</c>, <c>api-key</c> header). It records
/// every request with the asset bytes it served and plays scripted failures per route, one per call, in order.
/// </summary>
internal sealed class OpenAiProtocolServer : IAsyncDisposable
{
    public const string ApiKey = "test-key";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Fault>> _faults = new(StringComparer.Ordinal);

    private OpenAiProtocolServer(WebApplication app) => _app = app;

    /// <summary>The base the OpenAI client is pointed at (<c>Endpoint</c> for provider OpenAI).</summary>
    public Uri OpenAiEndpoint { get; private set; } = null!;

    /// <summary>The "resource" address (<c>Endpoint</c> for provider AzureOpenAI; the client adds <c>/openai/v1</c>).</summary>
    public Uri AzureEndpoint { get; private set; } = null!;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>How many prompts the chat route writes when no answer is scripted.</summary>
    public int PromptsPerAnswer { get; set; } = 1;

    /// <summary>The chat answer's content, when a test scripts it.</summary>
    public Func<JsonNode, string>? ChatAnswer { get; set; }

    public static async Task<OpenAiProtocolServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new OpenAiProtocolServer(app);
        foreach (var prefix in new[] { "/v1", "/openai/v1" })
        {
            var azure = prefix.StartsWith("/openai", StringComparison.Ordinal);
            app.MapPost($"{prefix}/images/generations", context => server.HandleAsync(context, Route.Images, azure));
            app.MapPost($"{prefix}/audio/speech", context => server.HandleAsync(context, Route.Speech, azure));
            app.MapPost($"{prefix}/chat/completions", context => server.HandleAsync(context, Route.Chat, azure));
        }

        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        server.OpenAiEndpoint = new Uri(address, "/v1");
        server.AzureEndpoint = new Uri(address, "/");
        return server;
    }

    /// <summary>The next calls to <paramref name="route"/> fail as given, one fault per call; later calls succeed.</summary>
    public void Script(Route route, params Fault[] faults)
    {
        var queue = _faults.GetOrAdd(route.ToString(), _ => new ConcurrentQueue<Fault>());
        foreach (var fault in faults)
        {
            queue.Enqueue(fault);
        }
    }

    public IReadOnlyList<RecordedRequest> RequestsTo(Route route) => Requests.Where(r => r.Route == route).ToList();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context, Route route, bool azure)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        var body = JsonNode.Parse(text) ?? new JsonObject();
        var authorization = context.Request.Headers.Authorization.ToString();
        var apiKey = context.Request.Headers["api-key"].ToString();
        var fault = _faults.TryGetValue(route.ToString(), out var queue) && queue.TryDequeue(out var next) ? next : null;
        var recorded = new RecordedRequest(route, context.Request.Path + context.Request.QueryString, authorization, apiKey, body);
        Requests.Enqueue(recorded);

        var authorized = azure ? apiKey == ApiKey : authorization == $"Bearer {ApiKey}";
        if (!authorized || fault?.Kind == FaultKind.Unauthorized)
        {
            await ErrorAsync(context, recorded, 401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided.");
            return;
        }

        switch (fault?.Kind)
        {
            case FaultKind.RateLimited:
                context.Response.Headers.RetryAfter = fault.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                await ErrorAsync(context, recorded, 429, "requests", "rate_limit_exceeded", "Rate limit reached.");
                return;
            case FaultKind.ServerError:
                await ErrorAsync(context, recorded, 500, "server_error", null, "The server had an error while processing your request.");
                return;
            case FaultKind.ContentPolicy:
                await ErrorAsync(context, recorded, 400, "invalid_request_error", "content_policy_violation", "Your request was rejected by the safety system.");
                return;
            case FaultKind.Delay:
                await Task.Delay(fault.Delay, context.RequestAborted);
                break;
        }

        var (json, asset) = route switch
        {
            Route.Images => ImageAnswer(body),
            Route.Chat => (ChatAnswerFor(body), (byte[]?)null),
            _ => (null, null),
        };
        if (route == Route.Speech)
        {
            if ((string?)body["response_format"] != "wav")
            {
                await ErrorAsync(context, recorded, 400, "invalid_request_error", "unsupported_format", "This server speaks WAV only.");
                return;
            }

            asset = Wav((string?)body["input"] ?? string.Empty);
            recorded.Served(200, asset);
            context.Response.ContentType = "audio/wav";
            await WriteAsync(context, asset, fault);
            return;
        }

        recorded.Served(200, asset);
        context.Response.ContentType = "application/json";
        await WriteAsync(context, Encoding.UTF8.GetBytes(json!), fault);
    }

    private static async Task WriteAsync(HttpContext context, byte[] bytes, Fault? fault)
    {
        if (fault?.Kind == FaultKind.MalformedJson)
        {
            // Complete framing, half a JSON document.
            bytes = bytes[..(bytes.Length / 2)];
        }

        context.Response.ContentLength = bytes.Length;
        if (fault?.Kind == FaultKind.Truncated)
        {
            await context.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            context.Abort();
            return;
        }

        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    private static async Task ErrorAsync(HttpContext context, RecordedRequest recorded, int status, string type, string? code, string message)
    {
        recorded.Served(status, null);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var error = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = null, ["code"] = code };
        await context.Response.WriteAsync(new JsonObject { ["error"] = error }.ToJsonString(), context.RequestAborted);
    }

    private static (string Json, byte[] Png) ImageAnswer(JsonNode body)
    {
        var prompt = (string?)body["prompt"] ?? string.Empty;
        var size = ((string?)body["size"] ?? "1024x1024").Split('x');
        var (width, height) = (int.Parse(size[0], CultureInfo.InvariantCulture), int.Parse(size[1], CultureInfo.InvariantCulture));
        var png = Png(prompt, width, height);
        var promptTokens = Math.Max(1, prompt.Length / 4);
        var json = new JsonObject
        {
            ["created"] = 1_767_225_600,
            ["data"] = new JsonArray(new JsonObject { ["b64_json"] = Convert.ToBase64String(png) }),
            ["usage"] = new JsonObject
            {
                ["input_tokens"] = promptTokens,
                ["output_tokens"] = 4160,
                ["total_tokens"] = promptTokens + 4160,
                ["input_tokens_details"] = new JsonObject { ["text_tokens"] = promptTokens, ["image_tokens"] = 0 },
            },
        };
        return (json.ToJsonString(), png);
    }

    /// <summary>A PNG whose colours come from the prompt, so different prompts give different bytes.</summary>
    public static byte[] Png(string prompt, int width, int height)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(prompt));
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(hash[0], hash[1], hash[2]));
            using var paint = new SKPaint { Color = new SKColor(hash[3], hash[4], hash[5]) };
            canvas.DrawRect(width / 4f, height / 4f, width / 2f, height / 2f, paint);
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>24 kHz mono 16-bit PCM: a tone lasting 60 ms per character.</summary>
    public static byte[] Wav(string text)
    {
        const int rate = 24_000;
        var samples = Math.Max(1, text.Length) * rate * 60 / 1000;
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.ASCII, leaveOpen: true))
        {
            writer.Write("RIFF"u8);
            writer.Write(36 + (samples * 2));
            writer.Write("WAVEfmt "u8);
            writer.Write(16);
            writer.Write((short)1);
            writer.Write((short)1);
            writer.Write(rate);
            writer.Write(rate * 2);
            writer.Write((short)2);
            writer.Write((short)16);
            writer.Write("data"u8);
            writer.Write(samples * 2);
            for (var i = 0; i < samples; i++)
            {
                writer.Write((short)(8000 * Math.Sin(2 * Math.PI * 220 * i / rate)));
            }
        }

        return stream.ToArray();
    }

    private string ChatAnswerFor(JsonNode body)
    {
        var content = ChatAnswer?.Invoke(body) ?? new JsonObject
        {
            ["prompts"] = new JsonArray(Enumerable.Range(1, PromptsPerAnswer)
                .Select(i => (JsonNode)JsonValue.Create($"An illustration number {i} of: {LastUserMessage(body)}")!).ToArray()),
        }.ToJsonString();
        var json = new JsonObject
        {
            ["id"] = "chatcmpl-test",
            ["object"] = "chat.completion",
            ["created"] = 1_767_225_600,
            ["model"] = (string?)body["model"],
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content, ["refusal"] = null },
                ["logprobs"] = null,
                ["finish_reason"] = "stop",
            }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 57, ["completion_tokens"] = 31, ["total_tokens"] = 88 },
        };
        return json.ToJsonString();
    }

    private static string LastUserMessage(JsonNode body)
        => body["messages"]?.AsArray().LastOrDefault(m => (string?)m?["role"] == "user")?["content"] is JsonValue v ? (string?)v ?? string.Empty : string.Empty;

    public enum Route
    {
        Images,
        Speech,
        Chat,
    }

    public enum FaultKind
    {
        RateLimited,
        ServerError,
        ContentPolicy,
        Unauthorized,
        Truncated,
        MalformedJson,
        Delay,
    }

    public sealed record Fault(FaultKind Kind, int RetryAfterSeconds = 0, TimeSpan Delay = default)
    {
        public static Fault RateLimited(int retryAfterSeconds) => new(FaultKind.RateLimited, retryAfterSeconds);

        public static Fault ServerError { get; } = new(FaultKind.ServerError);

        public static Fault ContentPolicy { get; } = new(FaultKind.ContentPolicy);

        public static Fault Unauthorized { get; } = new(FaultKind.Unauthorized);

        public static Fault Truncated { get; } = new(FaultKind.Truncated);

        public static Fault MalformedJson { get; } = new(FaultKind.MalformedJson);

        public static Fault Slow(TimeSpan delay) => new(FaultKind.Delay, Delay: delay);
    }

    /// <summary>One request as received, with the status answered and the asset bytes served (PNG or WAV), if any.</summary>
    public sealed record RecordedRequest(Route Route, string Path, string Authorization, string ApiKeyHeader, JsonNode Body)
    {
        public int Status { get; private set; }

        public byte[]? Asset { get; private set; }

        public DateTimeOffset ReceivedAt { get; } = DateTimeOffset.UtcNow;

        /// <summary>When the answer's status was decided (the body follows).</summary>
        public DateTimeOffset AnsweredAt { get; private set; }

        public void Served(int status, byte[]? asset)
        {
            Status = status;
            Asset = asset;
            AnsweredAt = DateTimeOffset.UtcNow;
        }
    }
}
