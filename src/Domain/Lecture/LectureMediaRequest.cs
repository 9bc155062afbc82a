using Pipeline.Domain.Jobs;

namespace Pipeline.Domain.Lecture;

/// <summary>The body of <c>POST /api/jobs/lecture-media</c>.</summary>
public sealed record LectureMediaRequest
{
    public string? JobId { get; init; }

    public string? LectureId { get; init; }

    public string? Title { get; init; }

    public IReadOnlyList<LectureSegment>? Segments { get; init; }

    public LectureMusic? Music { get; init; }

    public LectureOptions? Options { get; init; }

    /// <summary>The segment with <paramref name="index"/>.</summary>
    public LectureSegment Segment(int index)
        => Segments?.FirstOrDefault(s => s.Index == index)
            ?? throw new InvalidDataException($"The request has no segment with index {index}.");

    /// <summary>Whether a stage runs: every stage when no selection was given.</summary>
    public bool Runs(string stage) => Options?.Stages is not { Count: > 0 } selected || selected.Contains(stage, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every problem with the request, keyed by field path; empty when the request is valid.</summary>
    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        if (JobId is not null && !Jobs.JobId.IsValid(JobId))
        {
            errors.Add("jobId", $"must match {Jobs.JobId.Pattern}.");
        }

        errors.RequireName("lectureId", LectureId, LectureLimits.MaxLectureIdLength);
        errors.RequireText("title", Title, LectureLimits.MaxTitleLength);
        if (Segments is null || Segments.Count == 0)
        {
            errors.Add("segments", "must contain at least one segment.");
        }
        else if (Segments.Count > LectureLimits.MaxSegments)
        {
            errors.Add("segments", $"has {Segments.Count} segments; the limit is {LectureLimits.MaxSegments}.");
        }
        else
        {
            ValidateSegments(Segments, errors);
        }

        if (Music is not null)
        {
            errors.OptionalText("music.prompt", Music.Prompt, LectureLimits.MaxPromptLength);
            errors.Range("music.durationSeconds", Music.DurationSeconds, 1, LectureLimits.MaxMusicSeconds);
        }

        if (Options is not null)
        {
            if (Options.MaxConcurrency is { } concurrency)
            {
                errors.Range("options.maxConcurrency", concurrency, 1, LectureLimits.MaxConcurrency);
            }

            errors.Range("options.imagesPerSegment", Options.ImagesPerSegment, 1, LectureLimits.MaxImagePromptsPerSegment);
            foreach (var (stage, i) in (Options.Stages ?? []).Select((s, i) => (s, i)))
            {
                if (!LectureStage.Selectable.Contains(stage, StringComparer.OrdinalIgnoreCase))
                {
                    errors.Add($"options.stages[{i}]", $"'{stage}' is not a stage; choose from {string.Join(", ", LectureStage.Selectable)}.");
                }
            }
        }

        return errors;
    }

    private static void ValidateSegments(IReadOnlyList<LectureSegment> segments, FieldErrors errors)
    {
        var seen = new HashSet<int>();
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            var path = $"segments[{i}]";
            if (segment is null)
            {
                errors.Add(path, "is required.");
                continue;
            }

            if (segment.Index < 0 || segment.Index >= LectureLimits.MaxSegments)
            {
                errors.Add($"{path}.index", $"is {segment.Index}; it must be between 0 and {LectureLimits.MaxSegments - 1}.");
            }
            else if (!seen.Add(segment.Index))
            {
                errors.Add($"{path}.index", $"{segment.Index} is used by more than one segment.");
            }

            errors.RequireText($"{path}.text", segment.Text, LectureLimits.MaxSegmentTextLength);
            errors.OptionalText($"{path}.videoPrompt", segment.VideoPrompt, LectureLimits.MaxPromptLength);
            if (segment.ImagePrompts is { } prompts)
            {
                if (prompts.Count > LectureLimits.MaxImagePromptsPerSegment)
                {
                    errors.Add($"{path}.imagePrompts", $"has {prompts.Count} prompts; the limit is {LectureLimits.MaxImagePromptsPerSegment}.");
                }

                for (var p = 0; p < prompts.Count; p++)
                {
                    errors.RequireText($"{path}.imagePrompts[{p}]", prompts[p], LectureLimits.MaxPromptLength);
                }
            }
        }
    }
}
