using System.Text.Json.Serialization;
using Pipeline.Domain.Activities;

namespace Pipeline.Domain.Podcast.Activities;

/// <summary>
/// Input of <see cref="SynthesizeSegmentActivity"/>: which line of which stored script, never the text itself; from the
/// second try on, the attempt the fan-out runs.
/// </summary>
public sealed record SegmentSynthesis(string JobId, string ScriptKey, int Index) : IAttemptNumbered
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Attempt { get; init; }
}
