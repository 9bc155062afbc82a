namespace Pipeline.Domain.Podcast.Activities;

/// <summary>Input of <see cref="SynthesizeSegmentActivity"/>: which line of which stored script; never the text itself.</summary>
public sealed record SegmentSynthesis(string JobId, string ScriptKey, int Index);
