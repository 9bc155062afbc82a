using System.Text;

namespace Pipeline.Domain.Assets;

/// <summary>
/// The <c>type</c> an API response shows for a failure: a short, stable code in the request's terms
/// (<c>transient-failure</c>, <c>timeout</c>, …), never the .NET type the engine recorded.
/// </summary>
public static class ErrorCodes
{
    public const string Transient = "transient-failure";
    public const string Permanent = "permanent-failure";
    public const string Unknown = "unknown-failure";
    public const string Timeout = "timeout";
    public const string Internal = "internal-error";
    public const string NonDeterministic = "non-deterministic-workflow";

    /// <summary>The code for the error type the engine recorded (a .NET type's full name), or the code itself if it is one already.</summary>
    public static string Of(string? errorType)
    {
        if (string.IsNullOrEmpty(errorType))
        {
            return Internal;
        }

        var name = errorType[(errorType.LastIndexOf('.') + 1)..];
        if (!errorType.Contains('.', StringComparison.Ordinal) && !name.EndsWith("Exception", StringComparison.Ordinal))
        {
            return errorType;
        }

        return name switch
        {
            nameof(TransientAssetException) => Transient,
            nameof(PermanentAssetException) => Permanent,
            nameof(UnknownAssetException) => Unknown,
            nameof(TimeoutException) or nameof(TaskCanceledException) or nameof(OperationCanceledException) => Timeout,
            "NonDeterministicOrchestrationException" => NonDeterministic,
            _ when errorType.StartsWith("Pipeline.", StringComparison.Ordinal) => Kebab(name.EndsWith("Exception", StringComparison.Ordinal) ? name[..^"Exception".Length] : name),
            _ => Internal,
        };
    }

    private static string Kebab(string pascal)
    {
        var builder = new StringBuilder(pascal.Length + 8);
        foreach (var c in pascal)
        {
            if (char.IsUpper(c) && builder.Length > 0)
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
