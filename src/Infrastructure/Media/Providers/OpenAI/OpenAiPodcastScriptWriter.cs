// OPENAI001: the clients' AuthenticationPolicy constructors (the only way to send Azure's api-key header or an Entra
// token) are marked evaluation-only in OpenAI 2.15.
#pragma warning disable OPENAI001
using System.Globalization;
using System.Text;
using System.Text.Json;
using OpenAI.Chat;
using Pipeline.Domain.Media;
using Pipeline.Domain.Podcast;

namespace Pipeline.Infrastructure.Media.Providers.OpenAI;

/// <summary>
/// Podcast outlines and scripts from a chat model (<c>POST chat/completions</c>, temperature 0, a JSON object answer).
/// The outline answer is <c>{"title", "description", "sections": [{"heading", "points": [...]}]}</c>; the speakers are
/// the request's people, never the model's. The script answer is <c>{"lines": [{"speaker", "text"}]}</c>, each speaker
/// one of the outline's speaker ids. Anything else — other JSON, an empty field, an unknown speaker, no lines — is an
/// unknown failure (the model may answer well next time); a refusal or a content-filter stop is permanent.
/// </summary>
public sealed class OpenAiPodcastScriptWriter : IPodcastScriptWriter
{
    public const string DefaultModel = OpenAiPromptWriter.DefaultModel;
    public const int MaxSections = 60;
    public const int MaxPoints = 20;
    public const int MaxLines = 400;
    public const int MaxTextCharacters = 4000;

    private readonly OpenAiConnection _connection;
    private readonly ChatClient _client;

    public OpenAiPodcastScriptWriter(OpenAiConnection connection)
    {
        _connection = connection;
        _client = new ChatClient(connection.Model, connection.Authentication, connection.ClientOptions());
    }

    public async Task<PodcastOutline> WriteOutlineAsync(PodcastEpisodeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!PodcastFormat.IsKnown(request.Format))
        {
            throw GenerationException.Permanent(Provider, $"Format '{request.Format}' is not a podcast format.");
        }

        var speakers = request.Speakers();
        var system = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"You plan one episode of a podcast in the {request.Format} format. ")
            .Append(FormatGuide(request.Format!, request.Turns))
            .Append(" Answer with a JSON object {\"title\": string, \"description\": string, \"sections\": [{\"heading\": string, \"points\": [string, ...]}, ...]}")
            .Append(" with one section per part of the episode, in order; the description is one or two sentences.")
            .ToString();
        var user = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Topic: {request.Topic!.Trim()}\n")
            .Append(request.Title is { Length: > 0 } title ? $"Title: {title.Trim()}\n" : string.Empty)
            .Append(request.Angle is { Length: > 0 } angle ? $"Angle: {angle.Trim()}\n" : string.Empty)
            .Append(SpeakerList(speakers))
            .ToString();

        var text = await CompleteAsync(system, user, "an outline", cancellationToken);
        var outline = ParseOutline(text, request.Format!, speakers) ?? throw GenerationException.Unknown(
            Provider, "The provider's answer was not a JSON object with a title, a description and sections of headings and points.");
        return request.Title is { Length: > 0 } asked && !string.IsNullOrWhiteSpace(asked) ? outline with { Title = asked.Trim() } : outline;
    }

    public async Task<PodcastScript> WriteScriptAsync(PodcastEpisodeRequest request, PodcastOutline outline, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(outline);
        var system =
            $"You write the script of one episode of a podcast in the {outline.Format} format, following its outline section by section. " +
            FormatGuide(outline.Format, request.Turns) +
            " Answer with a JSON object {\"lines\": [{\"speaker\": string, \"text\": string}, ...]} in speaking order, where speaker is the id of one " +
            "of the listed speakers and text is what they say aloud (no stage directions, no speaker names in the text).";
        var user = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Title: {outline.Title}\nDescription: {outline.Description}\n")
            .Append(SpeakerList(outline.Speakers))
            .Append("Outline:\n");
        foreach (var section in outline.Sections)
        {
            user.Append(CultureInfo.InvariantCulture, $"- {section.Heading}\n");
            foreach (var point in section.Points)
            {
                user.Append(CultureInfo.InvariantCulture, $"  - {point}\n");
            }
        }

        var text = await CompleteAsync(system, user.ToString(), "a script", cancellationToken);
        var lines = ParseLines(text) ?? throw GenerationException.Unknown(
            Provider, "The provider's answer was not a JSON object with lines of a speaker and a text.");
        var script = new PodcastScript
        {
            Format = outline.Format,
            Title = outline.Title,
            Description = outline.Description,
            Speakers = outline.Speakers,
            Lines = lines,
        };
        return script.Problem() is { } problem
            ? throw GenerationException.Unknown(Provider, $"The provider's script cannot be voiced: {problem}")
            : script;
    }

    /// <summary>The outline of an answer with a non-empty title, description and sections of a heading and points; else null.</summary>
    public static PodcastOutline? ParseOutline(string answer, string format, IReadOnlyList<PodcastSpeaker> speakers)
    {
        try
        {
            using var document = JsonDocument.Parse(answer);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || Text(root, "title") is not { } title
                || Text(root, "description") is not { } description
                || !root.TryGetProperty("sections", out var sectionsElement)
                || sectionsElement.ValueKind != JsonValueKind.Array
                || sectionsElement.GetArrayLength() is 0 or > MaxSections)
            {
                return null;
            }

            var sections = new List<OutlineSection>();
            foreach (var section in sectionsElement.EnumerateArray())
            {
                if (section.ValueKind != JsonValueKind.Object
                    || Text(section, "heading") is not { } heading
                    || !section.TryGetProperty("points", out var pointsElement)
                    || pointsElement.ValueKind != JsonValueKind.Array
                    || pointsElement.GetArrayLength() is 0 or > MaxPoints)
                {
                    return null;
                }

                var points = new List<string>();
                foreach (var point in pointsElement.EnumerateArray())
                {
                    if (Clean(point) is not { } value)
                    {
                        return null;
                    }

                    points.Add(value);
                }

                sections.Add(new OutlineSection { Heading = heading, Points = points });
            }

            return new PodcastOutline { Format = format, Title = title, Description = description, Speakers = speakers, Sections = sections };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The lines of a <c>{"lines": [{"speaker", "text"}]}</c> answer, numbered in order; null when it is not that shape.</summary>
    public static IReadOnlyList<ScriptLine>? ParseLines(string answer)
    {
        try
        {
            using var document = JsonDocument.Parse(answer);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("lines", out var linesElement)
                || linesElement.ValueKind != JsonValueKind.Array
                || linesElement.GetArrayLength() > MaxLines)
            {
                return null;
            }

            var lines = new List<ScriptLine>();
            foreach (var line in linesElement.EnumerateArray())
            {
                if (line.ValueKind != JsonValueKind.Object || Text(line, "speaker") is not { } speaker || Text(line, "text") is not { } text)
                {
                    return null;
                }

                lines.Add(new ScriptLine { Index = lines.Count, SpeakerId = speaker, Text = text });
            }

            return lines;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task<string> CompleteAsync(string system, string user, string what, CancellationToken cancellationToken)
    {
        ChatMessage[] messages = [new SystemChatMessage(system), new UserChatMessage(user)];
        var options = new ChatCompletionOptions
        {
            Temperature = 0,
            ResponseFormat = ChatResponseFormat.CreateJsonObjectFormat(),
        };
        var result = await OpenAiFailures.CallAsync(
            _connection, Generator, token => _client.CompleteChatAsync(messages, options, token), cancellationToken);
        var completion = result.Value;
        if (!string.IsNullOrEmpty(completion.Refusal) || completion.FinishReason == ChatFinishReason.ContentFilter)
        {
            throw GenerationException.Permanent(Provider, $"The provider refused to write {what} for this episode under its content policy.");
        }

        if (completion.FinishReason == ChatFinishReason.Length)
        {
            throw GenerationException.Unknown(Provider, "The provider's answer was cut off at its length limit.");
        }

        return string.Concat(completion.Content.Where(p => p.Kind == ChatMessageContentPartKind.Text).Select(p => p.Text));
    }

    private static string FormatGuide(string format, int turns) => format switch
    {
        PodcastFormat.Interview => $"The host introduces the guest, asks {turns} questions the guest answers, and signs off.",
        PodcastFormat.Debate => $"The moderator states the motion; each debater gives an opening statement; {turns} rebuttal rounds led by the moderator; closing statements.",
        _ => $"The narrator tells the story over {turns} scenes in which the characters speak their lines, and closes with an epilogue.",
    };

    private static string SpeakerList(IReadOnlyList<PodcastSpeaker> speakers)
    {
        var list = new StringBuilder("Speakers (id: name, role):\n");
        foreach (var speaker in speakers)
        {
            list.Append(CultureInfo.InvariantCulture, $"- {speaker.Id}: {speaker.Name}, {speaker.Role}");
            list.Append(string.IsNullOrWhiteSpace(speaker.Description) ? "\n" : $" — {speaker.Description.Trim()}\n");
        }

        return list.ToString();
    }

    private static string? Text(JsonElement parent, string name) => parent.TryGetProperty(name, out var value) ? Clean(value) : null;

    private static string? Clean(JsonElement value)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()?.Trim() : null;
        return string.IsNullOrEmpty(text) || text.Length > MaxTextCharacters ? null : text;
    }

    private const string Generator = "scripts";

    private string Provider => $"{_connection.ProviderName}-{Generator}";
}
