// OPENAI001: the clients' AuthenticationPolicy constructors (the only way to send Azure's api-key header or an Entra
// token) and the image usage are marked evaluation-only in OpenAI 2.15.
#pragma warning disable OPENAI001
using System.Text.Json;
using OpenAI.Chat;
using Pipeline.Domain.Media;

namespace Pipeline.Infrastructure.Media.Providers.OpenAI;

/// <summary>
/// Image prompts from a chat model (<c>POST chat/completions</c>, temperature 0, a JSON object answer). The answer must
/// be <c>{"prompts": [...]}</c> with exactly <c>count</c> non-empty strings; anything else is an unknown failure (the
/// model may answer well next time), a refusal or a content-filter stop is permanent.
/// </summary>
public sealed class OpenAiPromptWriter : IPromptWriter
{
    public const string DefaultModel = "gpt-4o-mini";
    public const int MaxPrompts = 64;
    public const int MaxPromptCharacters = 1000;

    private readonly OpenAiConnection _connection;
    private readonly ChatClient _client;

    public OpenAiPromptWriter(OpenAiConnection connection)
    {
        _connection = connection;
        _client = new ChatClient(connection.Model, connection.Authentication, connection.ClientOptions());
    }

    public async Task<IReadOnlyList<string>> WriteImagePromptsAsync(string segmentText, int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxPrompts);
        if (string.IsNullOrWhiteSpace(segmentText))
        {
            throw GenerationException.Permanent(Provider, "The segment text has no words to draw an image from.");
        }

        ChatMessage[] messages =
        [
            new SystemChatMessage(
                "You write prompts for an image model that illustrates one segment of a lecture. " +
                $"Answer with a JSON object {{\"prompts\": [...]}} holding exactly {count} distinct prompts, each one sentence " +
                "describing a picture (subject, composition, style), with no text to be drawn in the image."),
            new UserChatMessage(segmentText),
        ];
        var options = new ChatCompletionOptions
        {
            Temperature = 0,
            ResponseFormat = ChatResponseFormat.CreateJsonObjectFormat(),
        };
        var result = await OpenAiFailures.CallAsync(
            _connection, "prompts", token => _client.CompleteChatAsync(messages, options, token), cancellationToken);
        var completion = result.Value;
        if (!string.IsNullOrEmpty(completion.Refusal) || completion.FinishReason == ChatFinishReason.ContentFilter)
        {
            throw GenerationException.Permanent(Provider, "The provider refused to write prompts for this segment under its content policy.");
        }

        if (completion.FinishReason == ChatFinishReason.Length)
        {
            throw GenerationException.Unknown(Provider, "The provider's answer was cut off at its length limit.");
        }

        var text = string.Concat(completion.Content.Where(p => p.Kind == ChatMessageContentPartKind.Text).Select(p => p.Text));
        return Parse(text, count) ?? throw GenerationException.Unknown(
            Provider, $"The provider's answer was not a JSON object with exactly {count} prompts.");
    }

    /// <summary>The prompts of a <c>{"prompts": [...]}</c> answer with exactly <paramref name="count"/> non-empty strings, trimmed; else null.</summary>
    public static IReadOnlyList<string>? Parse(string answer, int count)
    {
        try
        {
            using var document = JsonDocument.Parse(answer);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("prompts", out var prompts)
                || prompts.ValueKind != JsonValueKind.Array
                || prompts.GetArrayLength() != count)
            {
                return null;
            }

            var list = new List<string>(count);
            foreach (var prompt in prompts.EnumerateArray())
            {
                var value = prompt.ValueKind == JsonValueKind.String ? prompt.GetString()?.Trim() : null;
                if (string.IsNullOrEmpty(value) || value.Length > MaxPromptCharacters)
                {
                    return null;
                }

                list.Add(value);
            }

            return list;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private string Provider => $"{_connection.ProviderName}-prompts";
}
