using System.Text.Json.Serialization;
using Pipeline.Domain.Activities;

namespace Pipeline.Domain.Lecture;

/// <summary>
/// One lecture asset to produce. Small on purpose (zero indexes are left out of the JSON): the segment's text and prompts are read from the stored request
/// (<see cref="LectureRequestStore"/>), so history never carries them.
/// </summary>
public sealed record LectureAssetItem : AssetItem
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int SegmentIndex { get; init; }

    /// <summary>Which image of the segment (0-based), for images.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int Ordinal { get; init; }

    /// <summary>For videos: the starting image and (when it succeeded) the narration.</summary>
    public string? StartingImageKey { get; init; }

    public string? NarrationKey { get; init; }
}
