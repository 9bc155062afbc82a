using System.ComponentModel.DataAnnotations;
using Pipeline.Infrastructure.Media.FaultInjection;
using Pipeline.Infrastructure.Media.Providers;

namespace Pipeline.Infrastructure.Media;

/// <summary>
/// The local media generators, bound from <c>Pipeline:Media</c> and validated at start. What a job asks for (image size,
/// narration voice, clip length) is the job's: <c>Pipeline:Lecture</c> and the request.
/// </summary>
public sealed class MediaOptions : IValidatableObject
{
    public const string Section = "Pipeline:Media";

    /// <summary>The espeak-ng voice the local narration uses.</summary>
    [RegularExpression("^[a-z]{2,3}(-[a-z0-9]+)*$")]
    public string EspeakVoice { get; set; } = "en-us";

    /// <summary>Clip frame size; even numbers (H.264 with 4:2:0 chroma needs them).</summary>
    [Range(16, 1920)]
    public int VideoWidth { get; set; } = 640;

    [Range(16, 1080)]
    public int VideoHeight { get; set; } = 360;

    [Range(1, 60)]
    public int VideoFramesPerSecond { get; set; } = 25;

    /// <summary>Use espeak-ng and ffmpeg when they are on PATH; false always uses the built-in synthesizer and AVI writer.</summary>
    public bool PreferExternalTools { get; set; } = true;

    public FaultInjectionOptions FaultInjection { get; set; } = new();

    /// <summary>Who renders images: <c>Local</c> (Skia), <c>OpenAI</c> or <c>AzureOpenAI</c> (docs/providers.md).</summary>
    public HostedGeneratorOptions Images { get; set; } = new();

    /// <summary>Who speaks narration: <c>Local</c> (espeak-ng or the built-in synthesizer), <c>OpenAI</c> or <c>AzureOpenAI</c>.</summary>
    public HostedGeneratorOptions Speech { get; set; } = new();

    /// <summary>Who writes image prompts: <c>Local</c> (key phrases), <c>OpenAI</c> or <c>AzureOpenAI</c>.</summary>
    public HostedGeneratorOptions Prompts { get; set; } = new();

    /// <summary>Who writes podcast outlines and scripts: <c>Local</c> (the deterministic writer), <c>OpenAI</c> or <c>AzureOpenAI</c>.</summary>
    public HostedGeneratorOptions Scripts { get; set; } = new();

    public VideoFormat VideoFormat => new() { Width = VideoWidth, Height = VideoHeight, FramesPerSecond = VideoFramesPerSecond };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (VideoWidth % 2 != 0 || VideoHeight % 2 != 0)
        {
            yield return new ValidationResult($"{Section}:VideoWidth and {Section}:VideoHeight must be even.", [nameof(VideoWidth), nameof(VideoHeight)]);
        }

        var results = new List<ValidationResult>();
        Validator.TryValidateObject(FaultInjection, new ValidationContext(FaultInjection), results, validateAllProperties: true);
        foreach (var result in results)
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(FaultInjection)}: {result.ErrorMessage}", result.MemberNames.Select(m => $"{nameof(FaultInjection)}.{m}"));
        }

        foreach (var (name, generator) in new[] { (nameof(Images), Images), (nameof(Speech), Speech), (nameof(Prompts), Prompts), (nameof(Scripts), Scripts) })
        {
            foreach (var problem in generator.Problems($"{Section}:{name}"))
            {
                yield return new ValidationResult(problem, [name]);
            }
        }
    }
}
