using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Pipeline.Domain.Media;
using Pipeline.Domain.Podcast.Diarization;

namespace Pipeline.Infrastructure.Podcast.Pyannote;

/// <summary>
/// pyannoteAI's REST API (<c>Pipeline:Diarization:Endpoint</c>, <c>Authorization: Bearer</c> with
/// <c>Pipeline:Diarization:ApiKey</c>): <c>POST /v1/media/input</c> declares a <c>media://</c> URL and answers a
/// pre-signed PUT URL that the audio is streamed to; <c>POST /v1/diarize</c> starts a job and answers its
/// <c>jobId</c>; <c>GET /v1/jobs/{jobId}</c> answers its status and, when it succeeded,
/// <c>output.diarization</c>. Every answer is classified by <see cref="PyannoteFailures"/>.
/// </summary>
public sealed class PyannoteDiarizer(HttpClient http, IOptions<DiarizationOptions> options) : IHostedDiarizer
{
    public const string ProviderName = "pyannoteai";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string Provider => ProviderName;

    private DiarizationOptions Settings => options.Value;

    public async Task<string> UploadAsync(string name, Stream audio, long length, string contentType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        var mediaUrl = "media://" + name;
        var declared = await SendAsync<MediaResponse>(HttpMethod.Post, "v1/media/input", new MediaRequest(mediaUrl), "declare the upload", cancellationToken);
        if (!Uri.TryCreate(declared.Url, UriKind.Absolute, out var target) || (target.Scheme != Uri.UriSchemeHttps && target.Scheme != Uri.UriSchemeHttp))
        {
            throw GenerationException.Unknown(ProviderName, "The upload location the provider answered is not an http(s) URL.");
        }

        // The pre-signed URL carries its own authorisation: no API key goes with the audio.
        using var request = new HttpRequestMessage(HttpMethod.Put, target);
        using var content = new StreamContent(audio);
        content.Headers.ContentLength = length;
        content.Headers.ContentType = MediaTypeHeaderValue.TryParse(contentType, out var type) ? type : new MediaTypeHeaderValue("application/octet-stream");
        request.Content = content;
        using var response = await SendAsync(request, "upload the audio", timeout: null, cancellationToken);
        await PyannoteFailures.ThrowIfFailedAsync(response, "upload the audio", cancellationToken, presigned: true);
        return mediaUrl;
    }

    public async Task<string> StartAsync(string mediaUrl, int? speakers, CancellationToken cancellationToken = default)
    {
        var model = string.IsNullOrWhiteSpace(Settings.Model) ? null : Settings.Model;
        var created = await SendAsync<JobCreated>(HttpMethod.Post, "v1/diarize", new DiarizeRequest(mediaUrl, model, speakers), "start the diarization job", cancellationToken);
        return string.IsNullOrWhiteSpace(created.JobId)
            ? throw GenerationException.Unknown(ProviderName, "The provider started a job but answered no job id.")
            : created.JobId;
    }

    public async Task<HostedDiarizationJob> GetAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        var job = await SendAsync<JobResponse>(HttpMethod.Get, "v1/jobs/" + Uri.EscapeDataString(jobId), null, "read the diarization job", cancellationToken);
        var status = ParseStatus(job.Status);
        if (status == HostedJobStatus.Failed)
        {
            return new HostedDiarizationJob { Status = status, Error = job.Output?.Error };
        }

        if (status != HostedJobStatus.Succeeded)
        {
            return new HostedDiarizationJob { Status = status };
        }

        var segments = job.Output?.Diarization
            ?? throw GenerationException.Unknown(ProviderName, $"The diarization job '{jobId}' succeeded but its answer has no output.diarization.");
        var mapped = new List<DiarizedSegment>(segments.Count);
        foreach (var segment in segments)
        {
            if (segment is not { Speaker: { Length: > 0 } speaker, Start: { } start, End: { } end } || !double.IsFinite(start) || !double.IsFinite(end) || start < 0 || end < start)
            {
                throw GenerationException.Unknown(ProviderName, $"The diarization job '{jobId}' answered a segment without a speaker or with an invalid start or end.");
            }

            mapped.Add(new DiarizedSegment(start, end, speaker));
        }

        return new HostedDiarizationJob { Status = status, Segments = mapped };
    }

    private static HostedJobStatus ParseStatus(string? status) => status switch
    {
        "pending" => HostedJobStatus.Pending,
        "created" => HostedJobStatus.Created,
        "running" => HostedJobStatus.Running,
        "succeeded" => HostedJobStatus.Succeeded,
        "failed" => HostedJobStatus.Failed,
        "canceled" => HostedJobStatus.Canceled,
        _ => throw GenerationException.Unknown(ProviderName, $"The provider answered an unknown job status '{Shorten(status)}'."),
    };

    private static string Shorten(string? text) => text is null ? "(none)" : text.Length <= 40 ? text : text[..40] + "…";

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, string action, CancellationToken cancellationToken)
        where T : class
    {
        using var request = new HttpRequestMessage(method, new Uri(BaseAddress(), path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Settings.ApiKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Settings.RequestTimeout);
        using var response = await SendAsync(request, action, Settings.RequestTimeout, timeout.Token, cancellationToken);
        await PyannoteFailures.ThrowIfFailedAsync(response, action, timeout.Token);
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(Json, timeout.Token)
                ?? throw GenerationException.Unknown(ProviderName, $"The provider's answer to {action} was empty.");
        }
        catch (JsonException ex)
        {
            throw GenerationException.Unknown(ProviderName, $"The provider's answer to {action} is not the JSON its API describes.", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw GenerationException.Transient(ProviderName, $"The provider's answer to {action} did not arrive within {Settings.RequestTimeout}.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw GenerationException.Transient(ProviderName, $"The connection broke while reading the provider's answer to {action}.", ex);
        }
        catch (IOException ex)
        {
            throw GenerationException.Transient(ProviderName, $"The connection broke while reading the provider's answer to {action}.", ex);
        }
    }

    private Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string action, TimeSpan? timeout, CancellationToken cancellationToken)
        => SendAsync(request, action, timeout, cancellationToken, cancellationToken);

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string action, TimeSpan? timeout, CancellationToken token, CancellationToken caller)
    {
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
        }
        catch (OperationCanceledException ex) when (!caller.IsCancellationRequested)
        {
            throw GenerationException.Transient(ProviderName, timeout is { } limit
                ? $"The provider did not answer the request to {action} within {limit}."
                : $"The request to {action} timed out.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw GenerationException.Transient(ProviderName, $"The provider could not be reached to {action} ({Settings.Endpoint.GetLeftPart(UriPartial.Authority)}).", ex);
        }
    }

    private Uri BaseAddress()
    {
        var endpoint = Settings.Endpoint.ToString();
        return new Uri(endpoint.EndsWith('/') ? endpoint : endpoint + "/");
    }

    private sealed record MediaRequest(string Url);

    private sealed record MediaResponse(string? Url);

    private sealed record DiarizeRequest(string Url, string? Model, int? NumSpeakers);

    private sealed record JobCreated(string? JobId, string? Status);

    private sealed record JobResponse(string? JobId, string? Status, JobOutput? Output);

    private sealed record JobOutput(List<Segment?>? Diarization, string? Error);

    private sealed record Segment(string? Speaker, double? Start, double? End);
}
