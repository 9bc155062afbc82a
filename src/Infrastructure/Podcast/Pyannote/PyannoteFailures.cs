using System.Net;
using System.Text.Json;
using Pipeline.Domain.Media;
using Pipeline.Domain.Podcast.Diarization;

namespace Pipeline.Infrastructure.Podcast.Pyannote;

/// <summary>
/// Classifies pyannoteAI's answers by status code: 429, 408 and 5xx are transient (429 carries its
/// <c>Retry-After</c>), 401 and 403 permanent naming <c>Pipeline:Diarization:ApiKey</c>, 402 permanent (no credit or
/// subscription), other 4xx permanent with the provider's message.
/// </summary>
internal static class PyannoteFailures
{
    private const int MaxMessage = 300;

    /// <summary>
    /// Throws the classified failure of an unsuccessful answer. For the upload to the pre-signed URL
    /// (<paramref name="presigned"/>) a 401 or 403 is the URL's own signature (expired, say), not the API key: transient,
    /// since the next attempt asks for a new URL.
    /// </summary>
    public static async Task ThrowIfFailedAsync(HttpResponseMessage response, string action, CancellationToken cancellationToken, bool presigned = false)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var status = (int)response.StatusCode;
        var said = await ProviderMessageAsync(response, cancellationToken);
        var detail = said is null ? string.Empty : $": {said}";
        var retryAfter = RetryAfter(response);
        if (presigned && response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw Transient($"The upload location refused the audio ({status}); its signature may have expired{detail}.", retryAfter);
        }

        throw response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => Transient($"The provider is rate limiting requests (429) to {action}{detail}.", retryAfter),
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => GenerationException.Permanent(
                PyannoteDiarizer.ProviderName,
                $"The provider refused the API key ({status}) to {action}; set {DiarizationOptions.ApiKeySetting} to a valid pyannoteAI API key."),
            HttpStatusCode.PaymentRequired => GenerationException.Permanent(
                PyannoteDiarizer.ProviderName, $"The provider's account has no credit or subscription (402) to {action}{detail}."),
            HttpStatusCode.RequestTimeout => Transient($"The provider timed out (408) to {action}{detail}.", retryAfter),
            _ when status >= 500 => Transient($"The provider failed ({status}) to {action}{detail}.", retryAfter),
            _ => GenerationException.Permanent(PyannoteDiarizer.ProviderName, $"The provider rejected the request ({status}) to {action}{detail}."),
        };
    }

    private static GenerationException Transient(string message, TimeSpan? retryAfter)
        => new(Domain.Assets.FailureKind.Transient, PyannoteDiarizer.ProviderName, message) { RetryAfter = retryAfter };

    /// <summary>The provider's <c>Retry-After</c> (seconds or a date), when it gave one.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date && response.Headers.Date is { } now)
        {
            return date > now ? date - now : TimeSpan.Zero;
        }

        return null;
    }

    private static async Task<string?> ProviderMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var message = document.RootElement.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            if (document.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                var fields = errors.EnumerateArray()
                    .Where(e => e.ValueKind == JsonValueKind.Object)
                    .Select(e => $"{Text(e, "field")} {Text(e, "message")}".Trim())
                    .Where(t => t.Length > 0);
                var joined = string.Join("; ", fields);
                message = joined.Length == 0 ? message : $"{message} ({joined})";
            }

            return message is null ? null : message.Length <= MaxMessage ? message : message[..MaxMessage] + "…";
        }
        catch (JsonException)
        {
            return null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private static string Text(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : string.Empty;
}
