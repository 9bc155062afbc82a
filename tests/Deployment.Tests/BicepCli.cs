using System.Diagnostics;
using System.Text;

namespace Pipeline.Deployment.Tests;

/// <summary>
/// Runs the Bicep CLI that the <c>Azure.Bicep.CommandLine.linux-x64</c> PackageDownload restores into the NuGet package
/// cache (<c>NUGET_PACKAGES</c>, else <c>~/.nuget/packages</c>). infra/build.sh finds it the same way.
/// </summary>
public static class BicepCli
{
    public const string PackageId = "azure.bicep.commandline.linux-x64";
    public const string Version = "0.49.2";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string BicepDirectory => Path.Combine(RepositoryRoot, "infra", "bicep");

    public static string Locate()
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (string.IsNullOrWhiteSpace(cache))
        {
            cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        }

        var path = Path.Combine(cache, PackageId, Version, "tools", "bicep");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The Bicep CLI {Version} is not in the package cache; restore tests/Deployment.Tests (it downloads {PackageId}).", path);
        }

        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            if ((mode & execute) != execute)
            {
                File.SetUnixFileMode(path, mode | execute);
            }
        }

        return path;
    }

    /// <summary>Runs <c>bicep</c> with <paramref name="arguments"/> in infra/bicep and returns what it wrote.</summary>
    public static BicepResult Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Locate())
        {
            WorkingDirectory = BicepDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Offline and quiet: no telemetry, no update checks.
        start.Environment["BICEP_TRACING_ENABLED"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("The Bicep CLI did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within {Timeout}.");
        }

        process.WaitForExit();
        return new BicepResult(string.Join(' ', arguments), process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "infra", "bicep", "main.bicep")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No infra/bicep/main.bicep above {AppContext.BaseDirectory}.");
    }
}

/// <summary>What one Bicep CLI run wrote. The CLI reports every diagnostic (warning or error) on standard error.</summary>
public sealed record BicepResult(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    public bool IsClean => ExitCode == 0 && string.IsNullOrWhiteSpace(StandardError);

    /// <summary>Throws with the tool's own output unless the run succeeded without a single diagnostic.</summary>
    public BicepResult EnsureClean()
    {
        if (!IsClean)
        {
            throw new InvalidOperationException(Describe());
        }

        return this;
    }

    public string Describe()
        => $"bicep {Command} exited with {ExitCode} and reported:{Environment.NewLine}{StandardError}";
}
