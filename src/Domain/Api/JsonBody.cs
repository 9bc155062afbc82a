using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Json.Serialization;
using Pipeline.Domain.Jobs;

namespace Pipeline.Domain.Api;

/// <summary>
/// Reads a JSON request body defensively: bounded size and depth, strict types (no numbers in strings), no unknown
/// or duplicate properties, no comments or trailing commas, no invalid UTF-8 and no lone surrogates. Every failure
/// becomes a problem naming the field path.
/// </summary>
internal static partial class JsonBody
{
    private const int ReadChunk = 64 * 1024;

    public static JsonSerializerOptions StrictOptions(int maxDepth) => new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.Strict,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = maxDepth,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Reads at most <paramref name="limit"/> bytes; null when the body is larger.</summary>
    public static async Task<byte[]?> ReadLimitedAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[ReadChunk];
        while (true)
        {
            var read = await body.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit + 1L - buffer.Length)), cancellationToken);
            if (read == 0)
            {
                return buffer.ToArray();
            }

            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                return null;
            }
        }
    }

    /// <summary>Parses <paramref name="utf8"/> into <typeparamref name="T"/>, or returns the problem.</summary>
    public static (T? Value, ApiResult? Problem) Parse<T>(byte[] utf8, int maxDepth)
        where T : class
    {
        if (utf8.Length == 0 || utf8.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
        {
            return (null, Problems.Field("body", "is required: send a JSON object."));
        }

        try
        {
            using var document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = maxDepth, AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, AllowDuplicateProperties = false });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, Problems.Field("body", $"must be a JSON object, not {document.RootElement.ValueKind.ToString().ToLowerInvariant()}."));
            }

            var text = new FieldErrors();
            CheckText(document.RootElement, string.Empty, utf8, text);
            if (!text.IsEmpty)
            {
                return (null, Problems.Validation(text));
            }
        }
        catch (JsonException e)
        {
            return (null, Malformed(e));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(utf8, StrictOptions(maxDepth));
            return value is null ? (null, Problems.Field("body", "must be a JSON object, not null.")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, WrongShape<T>(e));
        }
    }

    /// <summary>
    /// Text that cannot be carried on is refused: bytes that are not UTF-8 (named with their offset in the body), and a
    /// lone surrogate escape, which has no UTF-8 form.
    /// </summary>
    private static void CheckText(JsonElement element, string path, byte[] body, FieldErrors errors)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var here = path.Length == 0 ? "body" : path;
                    if (InvalidUtf8(JsonMarshal.GetRawUtf8PropertyName(property), body) is { } invalid)
                    {
                        errors.Add(here, $"has a property name that {invalid}");
                        continue;
                    }

                    var name = ReadString(() => property.Name);
                    if (name is null)
                    {
                        errors.Add(here, "has a property name that is not valid Unicode: it contains a lone surrogate (an unpaired \\uD800–\\uDFFF escape).");
                        continue;
                    }

                    CheckText(property.Value, path.Length == 0 ? name : $"{path}.{name}", body, errors);
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    CheckText(item, $"{path}[{i++}]", body, errors);
                }

                break;
            case JsonValueKind.String:
                if (InvalidUtf8(JsonMarshal.GetRawUtf8Value(element), body) is { } bad)
                {
                    errors.Add(path, bad);
                }
                else if (ReadString(element.GetString) is null)
                {
                    errors.Add(path, "is not valid Unicode: it contains a lone surrogate (an unpaired \\uD800–\\uDFFF escape).");
                }

                break;
            default:
                break;
        }
    }

    /// <summary>Null when <paramref name="raw"/> is UTF-8; otherwise the message, with the first bad byte's offset in <paramref name="body"/>.</summary>
    private static string? InvalidUtf8(ReadOnlySpan<byte> raw, byte[] body)
    {
        var at = 0;
        while (at < raw.Length)
        {
            if (Rune.DecodeFromUtf8(raw[at..], out _, out var consumed) != OperationStatus.Done)
            {
                // The document reads the body in place, so the value's bytes lie within it.
                var where = body.AsSpan().Overlaps(raw, out var start) ? $"offset {start + at} of the body" : $"offset {at} of the value";
                return $"is not valid UTF-8: the byte 0x{raw[at]:X2} at {where} (counting from 0) does not begin or continue a UTF-8 character.";
            }

            at += consumed;
        }

        return null;
    }

    private static string? ReadString(Func<string?> read)
    {
        try
        {
            var value = read() ?? string.Empty;
            return IsWellFormed(value) ? value : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static bool IsWellFormed(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static ApiResult Malformed(JsonException e)
    {
        var where = e.LineNumber is { } line ? $" at line {line + 1}, byte {e.BytePositionInLine + 1}" : string.Empty;
        return Problems.Field(FieldOf(e.Path), $"is not valid JSON{where}: {Reason(e)}", title: "The body is not valid JSON.");
    }

    private static ApiResult WrongShape<T>(JsonException e)
    {
        var message = Sentence(e.Message);
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return Problems.Field(FieldOf(e.Path), "is not a field of this request.");
        }

        if (MissingRequired().Match(message) is { Success: true } missing)
        {
            var names = string.Join(", ", missing.Groups["names"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(n => n.Trim('\'')));
            return Problems.Field(FieldOf(e.Path), $"is missing required fields: {names}.");
        }

        if (message.Contains("uplicate", StringComparison.Ordinal))
        {
            return Problems.Field(FieldOf(e.Path), "appears more than once; send each field once.");
        }

        if (NotConvertible().Match(message) is { Success: true } converted)
        {
            return Problems.Field(FieldOf(e.Path), $"has the wrong type: expected {Expected(converted.Groups["type"].Value, typeof(T).Assembly)}.");
        }

        return Problems.Field(FieldOf(e.Path), "has the wrong type or value.");
    }

    /// <summary>What a value of the framework type named <paramref name="typeName"/> looks like in JSON, in the request's terms.</summary>
    internal static string Expected(string typeName, System.Reflection.Assembly requestAssembly)
    {
        var name = NullableOf().Match(typeName) is { Success: true } nullable ? nullable.Groups["inner"].Value : typeName;
        var type = Type.GetType(name) ?? requestAssembly.GetType(name);
        if (type is { IsEnum: true })
        {
            return $"one of {string.Join(", ", Enum.GetNames(type).Select(JsonNamingPolicy.CamelCase.ConvertName))}";
        }

        return name switch
        {
            "System.Byte" or "System.SByte" or "System.Int16" or "System.UInt16" or "System.Int32" or "System.UInt32" or "System.Int64" or "System.UInt64" => "a whole number",
            "System.Single" or "System.Double" or "System.Decimal" => "a number",
            "System.String" or "System.Char" => "a string",
            "System.Boolean" => "true or false",
            "System.DateTime" or "System.DateTimeOffset" => "a date and time (ISO 8601, e.g. 2026-01-31T12:00:00Z)",
            "System.TimeSpan" => "a duration (hh:mm:ss)",
            "System.Guid" => "a GUID",
            "System.Uri" => "a URL",
            _ when name.EndsWith("[]", StringComparison.Ordinal) || name.Contains("List`1", StringComparison.Ordinal) || name.Contains("Collection`1", StringComparison.Ordinal) || name.Contains("Enumerable`1", StringComparison.Ordinal) => "an array",
            _ => "a JSON object",
        };
    }

    /// <summary><c>$.segments[0].index</c> → <c>segments[0].index</c>; the root is <c>body</c>.</summary>
    internal static string FieldOf(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$")
        {
            return "body";
        }

        var path = jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
        return Problems.Cut(path, 200);
    }

    /// <summary>The reader's reason, without its own path and position suffix (the problem says where).</summary>
    private static string Reason(JsonException e)
    {
        var message = Sentence(e.Message);
        return Problems.Cut(FrameworkName().IsMatch(message) ? "the text is not well-formed JSON." : message, 300);
    }

    /// <summary>The message without the framework's " Path: … | LineNumber: … | BytePositionInLine: …" suffix.</summary>
    private static string Sentence(string message)
    {
        foreach (var marker in new[] { " Path:", " LineNumber:", " BytePositionInLine:" })
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }
        }

        return message.TrimEnd(' ', '|');
    }

    [GeneratedRegex(@"missing required properties including: (?<names>.+?)\.?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex MissingRequired();

    [GeneratedRegex(@"could not be converted to (?<type>[^ ]+?)\.?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex NotConvertible();

    [GeneratedRegex(@"^System\.Nullable`1\[\[(?<inner>[^,\]]+)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex NullableOf();

    [GeneratedRegex(@"System\.|Pipeline\.|\.NET|`1", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex FrameworkName();
}
