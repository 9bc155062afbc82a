namespace Pipeline.Domain.Jobs;

/// <summary>Validation errors keyed by field path (<c>segments[3].text</c>), as API.md's problem details carry them.</summary>
public sealed class FieldErrors
{
    private readonly SortedDictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public int Count => _errors.Values.Sum(e => e.Count);

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
    }

    /// <summary>Adds an error when <paramref name="value"/> is missing, blank or longer than <paramref name="maxLength"/>.</summary>
    public void RequireText(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "is required.");
        }
        else if (value.Length > maxLength)
        {
            Add(field, $"is {value.Length} characters long; the limit is {maxLength}.");
        }
        else if (value.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            Add(field, "contains control characters.");
        }
    }

    /// <summary>
    /// Adds an error unless <paramref name="value"/> is a one-line name or id: present, at most
    /// <paramref name="maxLength"/> characters, no control character anywhere (not even a final newline).
    /// </summary>
    public void RequireName(string field, string? value, int maxLength)
    {
        RequireText(field, value, maxLength);
        if (!string.IsNullOrWhiteSpace(value) && value.Length <= maxLength && value.Any(c => c is '\n' or '\r' or '\t'))
        {
            Add(field, "contains a line break or tab; it must be one line.");
        }
    }

    /// <summary>Adds an error when an optional text is present and invalid.</summary>
    public void OptionalText(string field, string? value, int maxLength)
    {
        if (value is not null)
        {
            RequireText(field, value, maxLength);
        }
    }

    public void Range(string field, double value, double min, double max)
    {
        if (value < min || value > max)
        {
            Add(field, $"is {value}; it must be between {min} and {max}.");
        }
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    public override string ToString() => string.Join("; ", _errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
}
