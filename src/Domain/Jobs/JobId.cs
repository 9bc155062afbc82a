using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Pipeline.Domain.Jobs;

/// <summary>
/// Job ids: <c>^[a-z0-9][a-z0-9-]{2,62}$</c> — safe as an instance id, a blob key segment and a partition key. The whole
/// string must match: a trailing newline, which <c>$</c> alone lets through, makes an id invalid.
/// </summary>
public static partial class JobId
{
    public const string Pattern = "^[a-z0-9][a-z0-9-]{2,62}$";

    public const int MaxLength = 63;

    /// <summary><see cref="Pattern"/> anchored at the very end of the string (<c>\z</c>), as every check applies it.</summary>
    private const string ExactPattern = @"\A[a-z0-9][a-z0-9-]{2,62}\z";

    public static bool IsValid([NotNullWhen(true)] string? value) => value is not null && Regex().IsMatch(value);

    /// <summary>Returns the id, or throws an <see cref="ArgumentException"/> that says what is wrong with it.</summary>
    public static string Validate(string? value, string paramName = "jobId")
    {
        if (IsValid(value))
        {
            return value;
        }

        var shown = value is null ? "null" : $"'{value[..Math.Min(value.Length, 80)]}'";
        throw new ArgumentException($"Job id {shown} is invalid: it must match {Pattern} (lower-case letters, digits and '-', 3 to {MaxLength} characters, starting with a letter or digit).", paramName);
    }

    [GeneratedRegex(ExactPattern, RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Regex();
}
