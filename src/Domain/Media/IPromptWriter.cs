namespace Pipeline.Domain.Media;

/// <summary>Turns a segment's text into image prompts. Implementations are deterministic: the same text and count give the same prompts.</summary>
public interface IPromptWriter
{
    /// <summary>Writes exactly <paramref name="count"/> prompts for <paramref name="segmentText"/>.</summary>
    Task<IReadOnlyList<string>> WriteImagePromptsAsync(string segmentText, int count, CancellationToken cancellationToken = default);
}
