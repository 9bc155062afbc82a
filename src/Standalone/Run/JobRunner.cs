using System.Globalization;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Pipeline.Domain.Api;
using Pipeline.Domain.Durable;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Payloads;
using Pipeline.Infrastructure.Storage;
using Spectre.Console;

namespace Pipeline.Standalone.Run;

/// <summary>
/// The <c>run</c> command: starts one job in-process through the same request handling as the HTTP API, shows its
/// progress per stage, prints its assets, writes an HTML report next to the media and answers 0 only when the job
/// completed without errors.
/// </summary>
public sealed class JobRunner(IServiceProvider services, IAnsiConsole console, bool plainProgress)
{
    public const int Succeeded = 0;
    public const int JobHadErrors = 1;
    public const int Refused = 2;

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public async Task<int> RunAsync(FileInfo requestFile, CancellationToken cancellationToken)
    {
        if (!requestFile.Exists)
        {
            console.MarkupLineInterpolated($"[red]No such file:[/] {requestFile.FullName}");
            return Refused;
        }

        var api = services.GetRequiredService<JobsApi>();
        ApiResult started;
        await using (var body = requestFile.OpenRead())
        {
            started = await api.StartAsync(JobType.LectureMedia, body, body.Length, "application/json", string.Empty, cancellationToken);
        }

        if (started.Problem is { } problem)
        {
            console.MarkupLineInterpolated($"[red]{problem.Title}[/] {problem.Detail}");
            foreach (var (field, messages) in problem.Errors ?? new Dictionary<string, string[]>())
            {
                console.MarkupLineInterpolated($"  {field}: {string.Join(" ", messages)}");
            }

            return Refused;
        }

        var jobId = ((JobAccepted)started.Body!).Id;
        console.MarkupLineInterpolated($"Job [bold]{jobId}[/] started from {requestFile.Name}.");
        var client = services.GetRequiredService<DurableTaskClient>();
        var finished = client.WaitForInstanceCompletionAsync(jobId, cancellationToken);
        if (plainProgress)
        {
            await PlainProgressAsync(api, jobId, finished, cancellationToken);
        }
        else
        {
            await console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(ctx => BarsAsync(ctx, api, jobId, finished, cancellationToken));
        }

        await finished;
        var view = await ViewAsync(api, jobId, cancellationToken);
        var record = await services.GetRequiredService<IJobRepository>().GetAsync(jobId, cancellationToken);
        var keys = (record?.Manifest ?? []).Where(o => o.Blob is not null).GroupBy(o => o.AssetId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Blob!.Key, StringComparer.Ordinal);
        PrintAssets(view, keys);
        var report = await WriteReportAsync(view, keys, cancellationToken);
        console.MarkupLineInterpolated($"Job [bold]{jobId}[/] {view.Status}: {view.Progress.Succeeded} of {view.Progress.Total} assets succeeded, {view.Progress.Failed} failed.");
        console.MarkupLineInterpolated($"Report: {report}");
        return view.Status == nameof(JobStatus.Completed) ? Succeeded : JobHadErrors;
    }

    private async Task PlainProgressAsync(JobsApi api, string jobId, Task finished, CancellationToken cancellationToken)
    {
        var shown = new Dictionary<string, string>(StringComparer.Ordinal);
        using var timer = new PeriodicTimer(PollInterval);
        do
        {
            var view = await ViewAsync(api, jobId, cancellationToken);
            foreach (var stage in view.Stages)
            {
                var line = string.Create(CultureInfo.InvariantCulture, $"{stage.Name}: {stage.Succeeded + stage.Failed}/{stage.Total} done, {stage.Failed} failed ({stage.Status})");
                if (!shown.TryGetValue(stage.Name, out var previous) || previous != line)
                {
                    shown[stage.Name] = line;
                    console.WriteLine(line);
                }
            }
        }
        while (!finished.IsCompleted && await WaitAsync(timer, finished, cancellationToken));
    }

    private static async Task BarsAsync(ProgressContext context, JobsApi api, string jobId, Task finished, CancellationToken cancellationToken)
    {
        var bars = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
        using var timer = new PeriodicTimer(PollInterval);
        do
        {
            var view = await ViewAsync(api, jobId, cancellationToken);
            foreach (var stage in view.Stages)
            {
                if (!bars.TryGetValue(stage.Name, out var bar))
                {
                    bars[stage.Name] = bar = context.AddTask(stage.Name, maxValue: Math.Max(1, stage.Total));
                }

                bar.MaxValue = Math.Max(1, stage.Total);
                bar.Value = stage.Succeeded + stage.Failed;
                bar.Description = stage.Failed > 0 ? $"{stage.Name} [red]({stage.Failed} failed)[/]" : stage.Name;
            }
        }
        while (!finished.IsCompleted && await WaitAsync(timer, finished, cancellationToken));

        foreach (var bar in bars.Values)
        {
            bar.StopTask();
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, Task finished, CancellationToken cancellationToken)
    {
        await Task.WhenAny(timer.WaitForNextTickAsync(cancellationToken).AsTask(), finished);
        cancellationToken.ThrowIfCancellationRequested();
        return true;
    }

    private static async Task<JobView> ViewAsync(JobsApi api, string jobId, CancellationToken cancellationToken)
    {
        var result = await api.GetAsync(jobId, includeSteps: false, string.Empty, cancellationToken);
        return result.Body as JobView ?? throw new InvalidOperationException($"Job '{jobId}' could not be read: {result.Problem?.Detail}");
    }

    private void PrintAssets(JobView view, Dictionary<string, string> keys)
    {
        var table = new Table().AddColumns("id", "stage", "status", "size", "path");
        foreach (var asset in view.Assets)
        {
            var status = asset.Status == "Succeeded" ? asset.Status : $"[red]{Markup.Escape(asset.Status)}[/]";
            var detail = asset.Error is { } error ? Markup.Escape(error.Message) : Markup.Escape(KeyOf(asset, keys) is { } key ? BlobFile(key) ?? key : string.Empty);
            table.AddRow(Markup.Escape(asset.Id), Markup.Escape(asset.Stage), status, HtmlReport.Size(asset.Length), detail);
        }

        console.Write(table);
    }

    private async Task<string> WriteReportAsync(JobView view, Dictionary<string, string> keys, CancellationToken cancellationToken)
    {
        var prefix = BlobKey.JobPrefix(view.Id);
        var html = HtmlReport.Render(view, asset => KeyOf(asset, keys) is { } key && key.StartsWith(prefix, StringComparison.Ordinal) ? key[prefix.Length..] : null);
        var key = prefix + "report.html";
        using var content = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(html), writable: false);
        await services.GetRequiredService<IBlobStore>().PutAsync(key, content, "text/html; charset=utf-8", cancellationToken);
        return BlobFile(key) ?? $"blob {key}";
    }

    private static string? KeyOf(AssetView asset, Dictionary<string, string> keys)
        => asset.Status == "Succeeded" && keys.TryGetValue(asset.Id, out var key) ? key : null;

    /// <summary>Where a blob's file is when blobs live on the filesystem, relative to the working directory.</summary>
    private string? BlobFile(string key)
    {
        var storage = services.GetRequiredService<IOptions<BlobStorageOptions>>().Value;
        if (storage.Provider != BlobStorageProvider.FileSystem)
        {
            return null;
        }

        var full = Path.Combine(Path.GetFullPath(storage.FileSystem.RootPath), "blobs", key.Replace('/', Path.DirectorySeparatorChar));
        return Path.GetRelativePath(Environment.CurrentDirectory, full);
    }
}
