using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Pipeline.Domain.Media;

namespace Pipeline.Infrastructure.Media;

/// <summary>
/// A command-line program run with an argument list (never a shell string), its output discarded and the tail of its
/// error output kept for the exception; killed with its children when the call is cancelled.
/// </summary>
internal sealed class ExternalTool(string name, string path, ILogger logger)
{
    private const int ErrorTailChars = 2000;

    public string Name { get; } = name;

    public string Path { get; } = path;

    /// <summary>The full path of <paramref name="name"/> on PATH, or null when it is not installed.</summary>
    public static string? FindOnPath(string name)
    {
        var pathVariable = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in pathVariable.Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var candidate in OperatingSystem.IsWindows() ? [name + ".exe", name] : new[] { name })
            {
                var full = System.IO.Path.Combine(directory, candidate);
                if (File.Exists(full))
                {
                    return full;
                }
            }
        }

        return null;
    }

    /// <summary>Runs to completion; a non-zero exit becomes a <see cref="GenerationException"/> of kind Unknown.</summary>
    public async Task RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        var watch = Stopwatch.StartNew();
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw GenerationException.Unknown(Name, $"{Name} could not be started: {ex.Message}", ex);
        }

        process.StandardInput.Close();
        var drainOutput = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
        var errorTail = ReadTailAsync(process.StandardError);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }

            throw;
        }

        await drainOutput;
        var error = await errorTail;
        MediaLog.ToolRan(logger, Name, process.ExitCode, watch.ElapsedMilliseconds);
        if (process.ExitCode != 0)
        {
            throw GenerationException.Unknown(Name, $"{Name} exited with code {process.ExitCode}: {error.Trim()}");
        }
    }

    private static async Task<string> ReadTailAsync(StreamReader reader)
    {
        var tail = string.Empty;
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            tail += new string(buffer, 0, read);
            if (tail.Length > 2 * ErrorTailChars)
            {
                tail = tail[^ErrorTailChars..];
            }
        }

        return tail.Length > ErrorTailChars ? tail[^ErrorTailChars..] : tail;
    }
}
