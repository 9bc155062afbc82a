namespace Pipeline.Domain.Podcast.Activities;

/// <summary>Input of <see cref="AssembleEpisodeActivity"/>: the script and how many segment WAVs it produced.</summary>
public sealed record AssemblyInput(string JobId, string ScriptKey, int SegmentCount);
