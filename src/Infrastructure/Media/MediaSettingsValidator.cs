using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Pipeline.Infrastructure.Media;

/// <summary>
/// Refuses keys under <c>Pipeline:Media</c> that no <see cref="MediaOptions"/> property binds: the binder ignores them,
/// so a misspelt or retired setting would otherwise change nothing without a word. Retired settings name what replaced them.
/// </summary>
public sealed class MediaSettingsValidator(IConfiguration configuration) : IValidateOptions<MediaOptions>
{
    private static readonly Dictionary<string, string> Retired = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ImageWidth"] = "the image size of a lecture is Pipeline:Lecture:ImageWidth and Pipeline:Lecture:ImageHeight",
        ["ImageHeight"] = "the image size of a lecture is Pipeline:Lecture:ImageWidth and Pipeline:Lecture:ImageHeight",
        ["VideoSeconds"] = "a clip lasts as long as its segment's narration (3–30 s, from the segment's words)",
        ["DefaultVoice"] = "the narration voice of a lecture is Pipeline:Lecture:NarrationVoice, NarrationPitch and NarrationWordsPerMinute",
    };

    public ValidateOptionsResult Validate(string? name, MediaOptions options)
    {
        var failures = new List<string>();
        Check(configuration.GetSection(MediaOptions.Section), typeof(MediaOptions), failures, top: true);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(IConfigurationSection section, Type type, List<string> failures, bool top)
    {
        foreach (var child in section.GetChildren())
        {
            var property = type.GetProperty(child.Key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null || property.SetMethod is not { IsPublic: true })
            {
                failures.Add(top && Retired.TryGetValue(child.Key, out var instead)
                    ? $"{child.Path} is no longer a setting: {instead}."
                    : $"{child.Path} is not a setting of {MediaOptions.Section} (misspelt?).");
            }
            else if (IsSection(property.PropertyType))
            {
                Check(child, property.PropertyType, failures, top: false);
            }
        }
    }

    private static bool IsSection(Type type)
        => type.IsClass && type != typeof(string) && type.Namespace?.StartsWith("Pipeline.", StringComparison.Ordinal) == true;
}
