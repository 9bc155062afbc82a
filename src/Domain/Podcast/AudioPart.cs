namespace Pipeline.Domain.Podcast;

/// <summary>One input of a concatenation: opens its WAV stream when the concatenator reaches it (never all at once).</summary>
public sealed record AudioPart(string Name, Func<CancellationToken, Task<Stream>> OpenAsync);
