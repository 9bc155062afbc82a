using System.CommandLine;
using Pipeline.Standalone.Hosting;

namespace Pipeline.Standalone;

/// <summary>
/// <c>Pipeline.Standalone</c> serves the HTTP API (the default command) or runs one job (<c>run request.json</c>).
/// Tokens the command line does not know (<c>--urls</c>, <c>--Pipeline:Standalone:DataRoot=…</c>) are configuration.
/// </summary>
public sealed class Program
{
    private Program()
    {
    }

    public static Task<int> Main(string[] args)
    {
        var root = new RootCommand("Pipeline without Azure: the HTTP API on ASP.NET Core on the Durable Task engine (Azure Storage backend; Azurite locally).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        root.SetAction((parse, cancellationToken) => StandaloneApp.ServeAsync([.. parse.UnmatchedTokens], cancellationToken));

        var request = new Argument<FileInfo>("request") { Description = "A lecture-media request (JSON), e.g. samples/lecture-media.json." };
        var run = new Command("run", "Runs one job in-process with a progress bar, prints its assets and writes an HTML report next to the media.")
        {
            request,
        };
        run.TreatUnmatchedTokensAsErrors = false;
        run.SetAction((parse, cancellationToken) => StandaloneApp.RunJobAsync(parse.GetRequiredValue(request), [.. parse.UnmatchedTokens], cancellationToken));
        root.Add(run);

        // The hosts handle Ctrl+C themselves (graceful shutdown); exceptions surface as they are.
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
    }
}
