using System.ComponentModel.DataAnnotations;
using Pipeline.Domain.Media;

namespace Pipeline.Infrastructure.Media;

/// <summary>The default narration voice, bound from <c>Pipeline:Media:DefaultVoice</c>.</summary>
public sealed class VoiceOptions
{
    [Required(AllowEmptyStrings = false)]
    public string Name { get; set; } = "en-us";

    [Range(VoiceProfile.MinPitch, VoiceProfile.MaxPitch)]
    public int Pitch { get; set; } = 50;

    [Range(VoiceProfile.MinSpeedWordsPerMinute, VoiceProfile.MaxSpeedWordsPerMinute)]
    public int SpeedWordsPerMinute { get; set; } = 160;

    public VoiceProfile ToProfile() => new() { Name = Name, Pitch = Pitch, SpeedWordsPerMinute = SpeedWordsPerMinute };
}
