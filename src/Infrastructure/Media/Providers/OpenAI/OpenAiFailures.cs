using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using Pipeline.Domain.Assets;
using Pipeline.Domain.Media;

namespace Pipeline.Infrastructure.Media.Providers.OpenAI;

/// <summary>
/// The one place a hosted call's failure becomes a <see cref="GenerationException"/> of the right kind, from the HTTP
/// status, the provider's error code and the <c>Retry-After</c> header — never from message text:
/// 429 and 5xx, 408 and timeouts are transient; 400 (content-policy refusals included) and 404 are permanent;
/// 401/403 are permanent and name the setting to fix; an answer that cannot be read is unknown.
/// </summary>
public static class OpenAiFailures
{
    public const string ContentPolicyCode = "content_policy_violation";
    public const string InsufficientQuotaCode = "insufficient_quota";

    /// <summary>Runs one call, turning its failure into a classified <see cref="GenerationException"/>.</summary>
    public static async Task<T> CallAsync<T>(OpenAiConnection connection, string generator, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(cancellationToken);
        }
        catch (Exception exception) when (exception is not GenerationException && !cancellationToken.IsCancellationRequested)
        {
            throw Classify(connection, generator, exception);
        }
    }

    public static GenerationException Classify(OpenAiConnection connection, string generator, Exception exception)
    {
        var provider = $"{connection.ProviderName}-{generator}";
        switch (exception)
        {
            case ClientResultException { Status: > 0 } failure:
                return FromStatus(connection, provider, failure);
            case ClientResultException { InnerException: HttpRequestException { HttpRequestError: var error } }
                when error is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError:
                return GenerationException.Transient(provider, $"The provider at {connection.Endpoint} could not be reached; check {connection.Section}:Endpoint.", exception);
            case ClientResultException:
                return GenerationException.Unknown(provider, "The provider's answer broke off before it was complete.", exception);
            case OperationCanceledException or TimeoutException:
                return GenerationException.Transient(
                    provider, $"The provider did not answer within {connection.Settings.TimeoutSeconds} s ({connection.Section}:TimeoutSeconds).", exception);
            default:
                return GenerationException.Unknown(provider, "The provider's answer could not be read.", exception);
        }
    }

    private static GenerationException FromStatus(OpenAiConnection connection, string provider, ClientResultException failure)
    {
        var response = failure.GetRawResponse();
        var code = response is null ? null : ErrorCode(response);
        var status = failure.Status;
        var codeText = code is null ? string.Empty : $", code {code}";
        return status switch
        {
            429 when code == InsufficientQuotaCode => GenerationException.Permanent(
                provider, $"The provider's account has no quota left (429{codeText}); add credit or raise the quota of the key in {connection.Section}:ApiKey.", failure),
            429 => new GenerationException(FailureKind.Transient, provider, $"The provider is rate limiting requests (429{codeText}).", failure) { RetryAfter = RetryAfter(response) },
            408 or >= 500 => new GenerationException(FailureKind.Transient, provider, $"The provider failed to answer ({status}{codeText}).", failure) { RetryAfter = RetryAfter(response) },
            401 or 403 => GenerationException.Permanent(provider, $"The provider refused the credential ({status}{codeText}); {connection.CredentialHint}.", failure),
            404 => GenerationException.Permanent(provider, $"The provider does not know the model or deployment '{connection.Model}' (404{codeText}); check {connection.ModelSetting}.", failure),
            400 when code == ContentPolicyCode => GenerationException.Permanent(
                provider, $"The provider refused the request under its content policy (400{codeText}).", failure),
            >= 400 and < 500 => GenerationException.Permanent(provider, $"The provider rejected the request ({status}{codeText}).", failure),
            _ => GenerationException.Unknown(provider, $"The provider answered with an unexpected status ({status}{codeText}).", failure),
        };
    }

    /// <summary><c>error.code</c> of the provider's error body, or null when there is none.</summary>
    private static string? ErrorCode(PipelineResponse response)
    {
        try
        {
            using var body = JsonDocument.Parse(response.Content.ToMemory());
            return body.RootElement.ValueKind == JsonValueKind.Object
                && body.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("code", out var code)
                && code.ValueKind == JsonValueKind.String
                ? code.GetString()
                : null;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The wait the provider asked for: <c>retry-after-ms</c>, else <c>Retry-After</c> in seconds or as an HTTP date.</summary>
    private static TimeSpan? RetryAfter(PipelineResponse? response)
    {
        if (response is null)
        {
            return null;
        }

        if (response.Headers.TryGetValue("retry-after-ms", out var ms)
            && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds >= 0)
        {
            return TimeSpan.FromMilliseconds(milliseconds);
        }

        if (!response.Headers.TryGetValue("Retry-After", out var value) || string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? TimeSpan.FromTicks(Math.Max(0, (at - DateTimeOffset.UtcNow).Ticks))
            : null;
    }
}
