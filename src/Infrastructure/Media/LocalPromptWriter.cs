using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Pipeline.Domain.Media;

namespace Pipeline.Infrastructure.Media;

/// <summary>
/// Image prompts without a language model: the segment's key phrases (non-stop-word runs ranked by how often their
/// words occur and how long they are) combined with a style, a composition and a palette picked from the text's hash.
/// Deterministic: the same text and count always give the same prompts.
/// </summary>
public sealed partial class LocalPromptWriter : IPromptWriter
{
    public const string ProviderName = "local-prompts";
    public const int MaxPrompts = 64;

    private static readonly string[] Styles =
    [
        "flat vector illustration", "watercolor painting", "isometric diagram", "chalkboard sketch",
        "paper cut-out collage", "soft 3D render", "ink line drawing", "retro textbook plate",
    ];

    private static readonly string[] Compositions =
    [
        "wide establishing view", "close-up detail", "centered subject on a plain background",
        "split-screen comparison", "overhead view", "layered depth with foreground and background",
    ];

    private static readonly string[] Palettes =
    [
        "warm amber and teal", "muted pastels", "deep blue and gold", "forest greens and cream",
        "high-contrast black and white with one red accent", "sunset oranges and violets",
    ];

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "because", "been", "but", "by",
        "can", "could", "did", "do", "does", "each", "even", "for", "from", "had", "has", "have", "he", "her", "here",
        "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "let", "like", "may", "more", "most", "much",
        "must", "my", "no", "not", "now", "of", "on", "one", "only", "or", "other", "our", "out", "over", "she", "should",
        "so", "some", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
        "through", "to", "too", "up", "us", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who",
        "why", "will", "with", "would", "you", "your", "s", "t",
    };

    public Task<IReadOnlyList<string>> WriteImagePromptsAsync(string segmentText, int count, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<string>>(WritePrompts(segmentText, count));
    }

    /// <summary>The ranked key phrases of a text, best first.</summary>
    public static IReadOnlyList<string> KeyPhrases(string text)
    {
        var tokens = WordPattern().Matches(text).Select(m => m.Value.ToLowerInvariant()).ToList();
        var words = tokens.Where(t => char.IsLetterOrDigit(t[0])).ToList();
        var frequency = words.Where(w => !StopWords.Contains(w)).GroupBy(w => w, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        var phrases = new List<(string Phrase, double Score, int Position)>();
        var run = new List<string>();
        void CloseRun()
        {
            // Long runs are split into pairs so a phrase stays a phrase, not a clause.
            for (var i = 0; i < run.Count; i += 2)
            {
                var part = run.Skip(i).Take(run.Count - i == 3 ? 3 : 2).ToList();
                var score = part.Sum(w => frequency[w] + (Math.Min(w.Length, 12) / 4.0));
                phrases.Add((string.Join(' ', part), score, phrases.Count));
                if (run.Count - i == 3)
                {
                    break;
                }
            }

            run.Clear();
        }

        foreach (var word in tokens)
        {
            // Punctuation ends a phrase as a stop word does.
            if (!char.IsLetterOrDigit(word[0]) || StopWords.Contains(word) || word.Length < 3)
            {
                CloseRun();
            }
            else
            {
                run.Add(word);
            }
        }

        CloseRun();
        return phrases
            .GroupBy(p => p.Phrase, StringComparer.Ordinal)
            .Select(g => (Phrase: g.Key, Score: g.Sum(p => p.Score), Position: g.Min(p => p.Position)))
            .OrderByDescending(p => p.Score).ThenBy(p => p.Position)
            .Select(p => p.Phrase)
            .ToList();
    }

    private static List<string> WritePrompts(string segmentText, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxPrompts);
        var phrases = KeyPhrases(segmentText ?? string.Empty);
        if (phrases.Count == 0)
        {
            throw GenerationException.Permanent(ProviderName, "The segment text has no words to draw an image from.");
        }

        var random = new DeterministicRandom(MediaHash.Seed(ProviderName, segmentText!));
        var style = random.Pick(Styles);
        var prompts = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            // Each prompt leads with a different key phrase (cycling when there are fewer than asked) and one supporting phrase.
            var lead = phrases[i % phrases.Count];
            var support = SupportingPhrase(phrases, i, lead);
            var prompt = new StringBuilder();
            prompt.Append(CultureInfo.InvariantCulture, $"{style} of {lead}");
            if (support is not null)
            {
                prompt.Append(CultureInfo.InvariantCulture, $" with {support}");
            }

            prompt.Append(CultureInfo.InvariantCulture, $", {random.Pick(Compositions)}, {random.Pick(Palettes)}");
            prompts.Add(prompt.ToString());
        }

        return prompts;
    }

    /// <summary>A phrase from the other half of the ranking that shares no word with the lead, or null.</summary>
    private static string? SupportingPhrase(IReadOnlyList<string> phrases, int index, string lead)
    {
        var leadWords = lead.Split(' ');
        for (var step = 1; step < phrases.Count; step++)
        {
            var candidate = phrases[(index + step + (phrases.Count / 2)) % phrases.Count];
            if (!candidate.Split(' ').Intersect(leadWords, StringComparer.Ordinal).Any())
            {
                return candidate;
            }
        }

        return null;
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['’][\p{L}]+)?|[.,;:!?()\[\]""“”—–]")]
    private static partial Regex WordPattern();
}
