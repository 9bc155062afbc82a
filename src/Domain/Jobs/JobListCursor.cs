using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Pipeline.Domain.Jobs;

/// <summary>
/// The position after the last record of a page in the list order (created time descending, then id descending).
/// Its token is opaque to callers and the same for every backend; the next page holds the records strictly after it.
/// </summary>
public readonly record struct JobListCursor(long CreatedUtcTicks, string Id)
{
    private const string Version = "j1";

    public static JobListCursor After(JobRecord record) => new(record.CreatedAt.UtcTicks, record.Id);

    /// <summary>A string that sorts like the list order when compared ordinally (fixed-width ticks, then the id).</summary>
    public static string SortKey(JobRecord record) => SortKey(record.CreatedAt.UtcTicks, record.Id);

    public static string SortKey(long createdUtcTicks, string id)
        => createdUtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "|" + id;

    public string SortKey() => SortKey(CreatedUtcTicks, Id);

    public string ToToken()
        => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Version}:{CreatedUtcTicks}:{Id}")));

    /// <summary>Reads a token made by <see cref="ToToken"/>; throws <see cref="ArgumentException"/> for anything else.</summary>
    public static JobListCursor Parse(string token)
    {
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException ex)
        {
            throw Invalid(ex);
        }

        var parts = text.Split(':');
        if (parts.Length != 3 || parts[0] != Version
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || !JobId.IsValid(parts[2]))
        {
            throw Invalid(null);
        }

        return new JobListCursor(ticks, parts[2]);

        ArgumentException Invalid(Exception? inner)
            => new("The continuation token is not one this service issued.", nameof(token), inner);
    }
}
