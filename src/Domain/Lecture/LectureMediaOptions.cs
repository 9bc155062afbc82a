using System.ComponentModel.DataAnnotations;
using Pipeline.Domain.Workflows;

namespace Pipeline.Domain.Lecture;

/// <summary>Defaults of lecture jobs (section <c>Pipeline:Lecture</c>); a request's <c>options.maxConcurrency</c> overrides the window.</summary>
public sealed class LectureMediaOptions
{
    public const string Section = "Pipeline:Lecture";

    /// <summary>C: asset activities in flight per stage (providers' concurrency caps are per stage).</summary>
    [Range(1, 256)]
    public int Window { get; set; } = 16;

    /// <summary>K: above this many assets a stage splits into child orchestrations of at most K (see docs/benchmarks.md).</summary>
    [Range(10, 10_000)]
    public int ChunkSize { get; set; } = 100;

    [Range(1, 64)]
    public int ChildrenInFlight { get; set; } = 4;

    /// <summary>The size of every image of a lecture (segment images and the starting images of its clips); the one place to set it.</summary>
    [Range(64, 4096)]
    public int ImageWidth { get; set; } = 1280;

    [Range(64, 4096)]
    public int ImageHeight { get; set; } = 720;

    /// <summary>The narration's voice: a hosted provider's voice name (espeak-ng speaks <c>Pipeline:Media:EspeakVoice</c>).</summary>
    [Required]
    public string NarrationVoice { get; set; } = "narrator";

    [Range(0, 99)]
    public int NarrationPitch { get; set; } = 45;

    [Range(80, 450)]
    public int NarrationWordsPerMinute { get; set; } = 160;

    public AssetRetryOptions Retry { get; set; } = new();

    /// <summary>
    /// Asset completions within this interval of the previous status report are sent to the job-status entity
    /// together (each report is a history event); zero sends every completion batch on its own.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan StatusReportInterval { get; set; } = FanOutRequest.DefaultReportInterval;
}
