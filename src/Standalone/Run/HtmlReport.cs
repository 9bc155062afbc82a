using System.Globalization;
using System.Net;
using System.Text;
using Pipeline.Domain.Api;

namespace Pipeline.Standalone.Run;

/// <summary>
/// A self-contained HTML page about one job, written next to its media (<c>jobs/{jobId}/report.html</c>): images shown,
/// audio and video playable through relative links to the files, failures with their reasons.
/// </summary>
public static class HtmlReport
{
    public static string Render(JobView job, Func<AssetView, string?> relativePath)
    {
        ArgumentNullException.ThrowIfNull(job);
        var html = new StringBuilder();
        var finished = job.CompletedAt is { } done ? $" · finished {E(done.ToString("u", CultureInfo.InvariantCulture))}" : string.Empty;
        html.Append(CultureInfo.InvariantCulture, $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>Job {{E(job.Id)}}</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; }
            table { border-collapse: collapse; width: 100%; }
            td, th { border-bottom: 1px solid #ddd; padding: .4rem; text-align: left; vertical-align: top; }
            .Failed, .Skipped { color: #a00; } .Succeeded { color: #060; }
            img { max-width: 320px; } video { max-width: 480px; }
            </style>
            </head>
            <body>
            <h1>Job {{E(job.Id)}}</h1>
            <p>Type {{E(job.Type)}} · status <strong class="{{E(job.Status)}}">{{E(job.Status)}}</strong> ·
            {{job.Progress.Succeeded}} of {{job.Progress.Total}} assets succeeded, {{job.Progress.Failed}} failed ·
            created {{E(job.CreatedAt.ToString("u", CultureInfo.InvariantCulture))}}{{finished}}</p>

            """);
        if (job.Error is { } error)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"Failed\">{E(error.Type)}: {E(error.Message)}</p>\n");
        }

        html.Append("<h2>Stages</h2>\n<table>\n<tr><th>stage</th><th>status</th><th>succeeded</th><th>failed</th><th>total</th></tr>\n");
        foreach (var stage in job.Stages)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(stage.Name)}</td><td class=\"{E(stage.Status)}\">{E(stage.Status)}</td><td>{stage.Succeeded}</td><td>{stage.Failed}</td><td>{stage.Total}</td></tr>\n");
        }

        html.Append("</table>\n<h2>Assets</h2>\n<table>\n<tr><th>asset</th><th>stage</th><th>status</th><th>size</th><th>content</th></tr>\n");
        foreach (var asset in job.Assets)
        {
            var path = relativePath(asset);
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(asset.Id)}</td><td>{E(asset.Stage)}</td><td class=\"{E(asset.Status)}\">{E(asset.Status)}</td><td>{Size(asset.Length)}</td><td>{Content(asset, path)}</td></tr>\n");
        }

        html.Append("</table>\n</body>\n</html>\n");
        return html.ToString();
    }

    public static string Size(long? bytes) => bytes switch
    {
        null => string.Empty,
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.0} MiB"),
    };

    private static string Content(AssetView asset, string? path)
    {
        if (asset.Error is { } error)
        {
            return $"<span class=\"Failed\">{E(error.Kind.ToString())} · {E(error.Type)}: {E(error.Message)}</span>";
        }

        if (path is null)
        {
            return string.Empty;
        }

        var href = E(string.Join('/', path.Split('/').Select(Uri.EscapeDataString)));
        var type = asset.ContentType ?? string.Empty;
        return type switch
        {
            _ when type.StartsWith("image/", StringComparison.Ordinal) => $"<a href=\"{href}\"><img src=\"{href}\" alt=\"{E(asset.Id)}\"></a>",
            _ when type.StartsWith("audio/", StringComparison.Ordinal) => $"<audio controls preload=\"none\" src=\"{href}\"></audio> <a href=\"{href}\">{E(path)}</a>",
            _ when type.StartsWith("video/", StringComparison.Ordinal) => $"<video controls preload=\"metadata\" src=\"{href}\"></video> <a href=\"{href}\">{E(path)}</a>",
            _ => $"<a href=\"{href}\">{E(path)}</a>",
        };
    }

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
