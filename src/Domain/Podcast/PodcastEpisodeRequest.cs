using Pipeline.Domain.Jobs;
using Pipeline.Domain.Media;

namespace Pipeline.Domain.Podcast;

/// <summary>
/// The body of <c>POST /api/jobs/podcast-episode</c>. The people depend on <see cref="Format"/>: an interview has a
/// <see cref="Host"/> and a <see cref="Guest"/>; a debate a <see cref="Moderator"/> and two <see cref="Debaters"/>; an
/// adventure a <see cref="Narrator"/> and one to six <see cref="Characters"/>. Each has a name and a voice.
/// </summary>
public sealed record PodcastEpisodeRequest
{
    public string? JobId { get; init; }

    /// <summary>One of <see cref="PodcastFormat"/>.</summary>
    public string? Format { get; init; }

    public string? Topic { get; init; }

    /// <summary>The episode's title; derived from the topic and people when omitted.</summary>
    public string? Title { get; init; }

    /// <summary>The angle the episode takes on the topic (optional).</summary>
    public string? Angle { get; init; }

    public PodcastPerson? Host { get; init; }

    public PodcastPerson? Guest { get; init; }

    public PodcastPerson? Moderator { get; init; }

    public IReadOnlyList<PodcastPerson>? Debaters { get; init; }

    public PodcastPerson? Narrator { get; init; }

    public IReadOnlyList<PodcastPerson>? Characters { get; init; }

    public PodcastEpisodeOptions? Options { get; init; }

    /// <summary>Question/answer pairs, rebuttal rounds or scenes.</summary>
    public int Turns => Options?.Turns ?? 3;

    /// <summary>Every problem with the request, keyed by field path; empty when the request is valid.</summary>
    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        if (JobId is not null && !Jobs.JobId.IsValid(JobId))
        {
            errors.Add("jobId", $"must match {Jobs.JobId.Pattern}.");
        }

        if (string.IsNullOrWhiteSpace(Format))
        {
            errors.Add("format", $"is required; choose from {string.Join(", ", PodcastFormat.All)}.");
        }
        else if (!PodcastFormat.IsKnown(Format))
        {
            errors.Add("format", $"'{Format}' is not a format; choose from {string.Join(", ", PodcastFormat.All)}.");
        }

        errors.RequireText("topic", Topic, PodcastLimits.MaxTopicLength);
        errors.OptionalText("title", Title, PodcastLimits.MaxTitleLength);
        errors.OptionalText("angle", Angle, PodcastLimits.MaxAngleLength);
        ValidatePeople(errors);
        ValidateOptions(errors);
        return errors;
    }

    /// <summary>
    /// The speakers of a valid request, in the order they first speak, with stable ids. A person without a voice gets
    /// a default whose pitch depends on their position, so speakers without voices still sound different.
    /// </summary>
    public IReadOnlyList<PodcastSpeaker> Speakers()
    {
        IEnumerable<(string Id, string Role, PodcastPerson Person)> people = Format switch
        {
            PodcastFormat.Interview => [(PodcastRole.Host, PodcastRole.Host, Host!), (PodcastRole.Guest, PodcastRole.Guest, Guest!)],
            PodcastFormat.Debate =>
            [
                (PodcastRole.Moderator, PodcastRole.Moderator, Moderator!),
                .. Debaters!.Select((d, i) => ($"{PodcastRole.Debater}-{i + 1}", PodcastRole.Debater, d)),
            ],
            PodcastFormat.Adventure =>
            [
                (PodcastRole.Narrator, PodcastRole.Narrator, Narrator!),
                .. Characters!.Select((c, i) => ($"{PodcastRole.Character}-{i + 1}", PodcastRole.Character, c)),
            ],
            _ => throw new InvalidOperationException($"Format '{Format}' is not a podcast format."),
        };
        return people.Select((p, i) => new PodcastSpeaker
        {
            Id = p.Id,
            Role = p.Role,
            Name = p.Person.Name!.Trim(),
            Description = p.Person.Description,
            Voice = (p.Person.Voice ?? new PodcastVoice { Pitch = DefaultPitches[i % DefaultPitches.Length] }).ToProfile(),
        }).ToList();
    }

    /// <summary>Default pitches by speaker position: far apart, so default voices are told apart by ear and by diarization.</summary>
    private static readonly int[] DefaultPitches = [50, 90, 15, 70, 30, 99, 5];

    private void ValidatePeople(FieldErrors errors)
    {
        var used = Format switch
        {
            PodcastFormat.Interview => new HashSet<string> { "host", "guest" },
            PodcastFormat.Debate => ["moderator", "debaters"],
            PodcastFormat.Adventure => ["narrator", "characters"],
            _ => null,
        };
        if (used is null)
        {
            return;
        }

        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (field, person) in new[] { ("host", Host), ("guest", Guest), ("moderator", Moderator), ("narrator", Narrator) })
        {
            if (used.Contains(field))
            {
                RequirePerson(errors, field, person, names);
            }
            else if (person is not null)
            {
                errors.Add(field, $"is not part of the {Format} format.");
            }
        }

        foreach (var (field, people, min, max) in new[] { ("debaters", Debaters, 2, 2), ("characters", Characters, PodcastLimits.MinCharacters, PodcastLimits.MaxCharacters) })
        {
            if (!used.Contains(field))
            {
                if (people is not null)
                {
                    errors.Add(field, $"is not part of the {Format} format.");
                }

                continue;
            }

            if (people is null || people.Count < min || people.Count > max)
            {
                errors.Add(field, min == max
                    ? $"must list exactly {min} people; it has {people?.Count ?? 0}."
                    : $"must list {min} to {max} people; it has {people?.Count ?? 0}.");
                continue;
            }

            for (var i = 0; i < people.Count; i++)
            {
                RequirePerson(errors, $"{field}[{i}]", people[i], names);
            }
        }
    }

    private static void RequirePerson(FieldErrors errors, string field, PodcastPerson? person, Dictionary<string, string> names)
    {
        if (person is null)
        {
            errors.Add(field, "is required.");
            return;
        }

        errors.RequireText($"{field}.name", person.Name, PodcastLimits.MaxNameLength);
        errors.OptionalText($"{field}.description", person.Description, PodcastLimits.MaxDescriptionLength);
        if (!string.IsNullOrWhiteSpace(person.Name))
        {
            var name = person.Name.Trim();
            if (!names.TryAdd(name, field))
            {
                errors.Add($"{field}.name", $"'{name}' is already the name of {names[name]}; every speaker needs a distinct name.");
            }
        }

        if (person.Voice is { } voice)
        {
            if (voice.Name is not null && (voice.Name.Length is 0 or > PodcastLimits.MaxVoiceNameLength || !voice.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
            {
                errors.Add($"{field}.voice.name", $"must be 1 to {PodcastLimits.MaxVoiceNameLength} letters, digits, '-', '_' or '.'.");
            }

            errors.Range($"{field}.voice.pitch", voice.Pitch, VoiceProfile.MinPitch, VoiceProfile.MaxPitch);
            errors.Range($"{field}.voice.speedWordsPerMinute", voice.SpeedWordsPerMinute, VoiceProfile.MinSpeedWordsPerMinute, VoiceProfile.MaxSpeedWordsPerMinute);
        }
    }

    private void ValidateOptions(FieldErrors errors)
    {
        if (Options is null)
        {
            return;
        }

        if (Options.Turns is { } turns)
        {
            errors.Range("options.turns", turns, PodcastLimits.MinTurns, PodcastLimits.MaxTurns);
        }

        if (Options.MaxConcurrency is { } concurrency)
        {
            errors.Range("options.maxConcurrency", concurrency, 1, PodcastLimits.MaxConcurrency);
        }

        if (Options.MaxAttempts is { } attempts)
        {
            errors.Range("options.maxAttempts", attempts, 1, 10);
        }
    }
}
