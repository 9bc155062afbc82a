using System.Globalization;
using System.Text.RegularExpressions;
using Pipeline.Domain.Jobs;

namespace Pipeline.Domain.Payloads;

/// <summary>
/// The one place that builds and validates blob keys. A key is a '/'-separated path of segments drawn from a safe,
/// store-independent character set (<c>A-Z a-z 0-9 - _ .</c>), so the same key is valid on Azure Blob, S3 and the
/// filesystem, sorts the same everywhere (ordinal), and can never escape a filesystem root.
/// </summary>
public static partial class BlobKey
{
    /// <summary>S3 caps keys at 1,024 bytes and Azure at 1,024 characters; keys here are ASCII, so both agree.</summary>
    public const int MaxLength = 1024;

    /// <summary>A segment is a file or directory name on the filesystem store (NAME_MAX is 255 bytes).</summary>
    public const int MaxSegmentLength = 255;

    public const string PayloadPrefix = "payloads/";

    public const string JobsPrefix = "jobs/";

    public const string PayloadRefsByJobPrefix = "payload-refs/by-job/";

    public const string PayloadRefsByPayloadPrefix = "payload-refs/by-payload/";

    /// <summary><c>jobs/{jobId}/{stage}/{assetId}.{ext}</c>: where an asset activity writes its bytes.</summary>
    public static string ForAsset(string jobId, string stage, string assetId, string extension)
    {
        JobId.Validate(jobId);
        ValidateSegment(stage, nameof(stage));
        ValidateSegment(assetId, nameof(assetId));
        if (string.IsNullOrEmpty(extension) || !ExtensionRegex().IsMatch(extension))
        {
            throw new ArgumentException($"Extension '{Shown(extension)}' is invalid: it must be 1 to 10 lower-case letters or digits, without the dot.", nameof(extension));
        }

        return Validate($"{JobPrefix(jobId)}{stage}/{assetId}.{extension}");
    }

    /// <summary><c>jobs/{jobId}/</c>: every asset blob of a job.</summary>
    public static string JobPrefix(string jobId) => $"{JobsPrefix}{JobId.Validate(jobId)}/";

    /// <summary><c>payloads/{sha256}</c>: a content-addressed offloaded payload.</summary>
    public static string ForPayload(string sha256) => PayloadPrefix + ValidateSha256(sha256);

    /// <summary><c>payload-refs/by-job/{jobId}/{sha256}</c>: marks that a job references an offloaded payload.</summary>
    public static string ForPayloadRefByJob(string jobId, string sha256)
        => $"{PayloadRefsByJobPrefix}{JobId.Validate(jobId)}/{ValidateSha256(sha256)}";

    /// <summary><c>payload-refs/by-payload/{sha256}/{jobId}</c>: the same mark, indexed by payload.</summary>
    public static string ForPayloadRefByPayload(string sha256, string jobId)
        => $"{PayloadRefsByPayloadPrefix}{ValidateSha256(sha256)}/{JobId.Validate(jobId)}";

    /// <summary><c>payload-refs/by-job/{jobId}/</c>: every payload reference of a job.</summary>
    public static string PayloadRefsOfJob(string jobId) => $"{PayloadRefsByJobPrefix}{JobId.Validate(jobId)}/";

    /// <summary><c>payload-refs/by-payload/{sha256}/</c>: every job referencing a payload.</summary>
    public static string PayloadRefsOfPayload(string sha256) => $"{PayloadRefsByPayloadPrefix}{ValidateSha256(sha256)}/";

    /// <summary>Returns the key, or throws an <see cref="ArgumentException"/> that says what is wrong with it.</summary>
    public static string Validate(string? key, string paramName = "key")
    {
        if (string.IsNullOrEmpty(key))
        {
            throw new ArgumentException("Blob key is empty.", paramName);
        }

        if (key.Length > MaxLength)
        {
            throw new ArgumentException($"Blob key '{Shown(key)}' is {key.Length} characters long; the maximum is {MaxLength}.", paramName);
        }

        if (key[0] == '/')
        {
            throw new ArgumentException($"Blob key '{Shown(key)}' is absolute (starts with '/'); keys are relative paths.", paramName);
        }

        CheckCharacters(key, paramName, "Blob key");

        var segmentStart = 0;
        for (var i = 0; i <= key.Length; i++)
        {
            if (i < key.Length && key[i] != '/')
            {
                continue;
            }

            CheckSegment(key, key.AsSpan(segmentStart, i - segmentStart), segmentStart, paramName);
            segmentStart = i + 1;
        }

        return key;
    }

    /// <summary>
    /// Validates a listing prefix: empty (everything), or a key's beginning. It may end with '/' and its last segment
    /// may be partial; every complete segment follows the key rules.
    /// </summary>
    public static string ValidatePrefix(string? prefix, string paramName = "prefix")
    {
        ArgumentNullException.ThrowIfNull(prefix, paramName);
        if (prefix.Length == 0)
        {
            return prefix;
        }

        Validate(prefix.EndsWith('/') ? prefix[..^1] : prefix, paramName);
        return prefix;
    }

    /// <summary>True for a valid key; never throws.</summary>
    public static bool IsValid(string? key)
    {
        try
        {
            Validate(key);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void CheckCharacters(string key, string paramName, string what)
    {
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (IsSafe(c) || c == '/')
            {
                continue;
            }

            var reason = c switch
            {
                '\\' => "a backslash ('\\'); use '/' to separate segments",
                _ when char.IsControl(c) => $"a control character (U+{(int)c:X4})",
                _ => $"the character '{c}' (U+{(int)c:X4}), outside the safe set A-Z a-z 0-9 '-' '_' '.' '/'",
            };
            throw new ArgumentException($"{what} '{Shown(key)}' contains {reason} at position {i.ToString(CultureInfo.InvariantCulture)}.", paramName);
        }
    }

    private static void CheckSegment(string key, ReadOnlySpan<char> segment, int position, string paramName)
    {
        if (segment.IsEmpty)
        {
            throw new ArgumentException($"Blob key '{Shown(key)}' has an empty segment at position {position} ('//' or a trailing '/').", paramName);
        }

        if (segment is "." or "..")
        {
            throw new ArgumentException($"Blob key '{Shown(key)}' has a '{segment}' segment at position {position}; relative path segments are not allowed.", paramName);
        }

        if (segment.Length > MaxSegmentLength)
        {
            throw new ArgumentException($"Blob key '{Shown(key)}' has a segment of {segment.Length} characters at position {position}; the maximum is {MaxSegmentLength}.", paramName);
        }
    }

    private static void ValidateSegment(string? segment, string paramName)
    {
        if (string.IsNullOrEmpty(segment))
        {
            throw new ArgumentException($"The {paramName} is empty.", paramName);
        }

        if (segment.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"The {paramName} '{Shown(segment)}' contains '/'; it must be a single key segment.", paramName);
        }

        CheckCharacters(segment, paramName, $"The {paramName}");
        CheckSegment(segment, segment, 0, paramName);
    }

    private static string ValidateSha256(string? sha256)
    {
        if (sha256 is null || !Sha256Regex().IsMatch(sha256))
        {
            throw new ArgumentException($"'{Shown(sha256)}' is not a SHA-256 digest: it must be 64 lower-case hexadecimal characters.", nameof(sha256));
        }

        return sha256;
    }

    internal static bool IsSha256(string? value) => value is not null && Sha256Regex().IsMatch(value);

    private static bool IsSafe(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';

    /// <summary>Keys appear in messages; keep them short and printable.</summary>
    private static string Shown(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        var cut = value.Length > 80 ? value[..80] + "…" : value;
        return string.Create(cut.Length, cut, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
    }

    [GeneratedRegex(@"\A[a-z0-9]{1,10}\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex ExtensionRegex();

    [GeneratedRegex(@"\A[0-9a-f]{64}\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Sha256Regex();
}
