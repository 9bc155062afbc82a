using Microsoft.Extensions.Options;
using Pipeline.Domain.Podcast.Diarization;

namespace Pipeline.Infrastructure.Podcast.Pyannote;

/// <summary>Refuses a hosted diarization provider that cannot work: no API key, or an endpoint that is not an absolute http(s) address.</summary>
public sealed class DiarizationSettingsValidator : IValidateOptions<DiarizationOptions>
{
    public ValidateOptionsResult Validate(string? name, DiarizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Provider))
        {
            failures.Add($"{DiarizationOptions.Section}:{nameof(DiarizationOptions.Provider)} must be {string.Join(" or ", Enum.GetNames<DiarizationProvider>())}.");
        }

        if (options.Provider == DiarizationProvider.PyannoteAI)
        {
            if (string.IsNullOrWhiteSpace(options.ApiKey))
            {
                failures.Add($"{DiarizationOptions.ApiKeySetting} is required when {DiarizationOptions.Section}:{nameof(DiarizationOptions.Provider)} is {DiarizationProvider.PyannoteAI}.");
            }

            if (options.Endpoint is not { IsAbsoluteUri: true } endpoint || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
            {
                failures.Add($"{DiarizationOptions.Section}:{nameof(DiarizationOptions.Endpoint)} must be an absolute http(s) address, such as https://api.pyannote.ai.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
