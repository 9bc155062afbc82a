using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Pipeline.Domain.Api;
using Pipeline.Standalone.Http;
using Pipeline.Standalone.Run;
using Spectre.Console;

namespace Pipeline.Standalone.Hosting;

/// <summary>The two ways to run the standalone host: serve the HTTP API, or run one job and exit.</summary>
public static class StandaloneApp
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    public static async Task<int> ServeAsync(string[] args, CancellationToken cancellationToken)
    {
        var app = BuildWebApp(args);
        await app.RunAsync();
        return 0;
    }

    public static WebApplication BuildWebApp(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        AddAppSettings(builder.Configuration);
        if (!ApiKeyOptionsValidator.ListenAddresses(builder.Configuration).Any())
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.AddPipelineStandalone(builder.Configuration);

        // Kestrel refuses a body over the API's limit on every route, chunked or not, while it is read (the start route
        // reads one byte more than the limit to tell "at" from "over" itself).
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<JobsApiOptions>>(
            (kestrel, limits) => kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBytes + 1L);
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        builder.Services.AddProblemDetails(); // the exception handler middleware requires a fallback writer; ours answers first
        builder.Services.AddHealthChecks().AddCheck<EngineHealthCheck>("engine");

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages(context => new ApiHttpResult(StatusProblem(context.HttpContext)).ExecuteAsync(context.HttpContext));
        app.UseMiddleware<ApiKeyMiddleware>();
        app.MapPipelineApi();
        app.MapHealthChecks("/api/health", new HealthCheckOptions { ResponseWriter = WriteHealthAsync });
        return app;
    }

    /// <summary>The problem for a status the framework set without a body (no route, wrong method), worded as the API's own.</summary>
    private static ApiResult StatusProblem(HttpContext http)
    {
        var request = http.Request;
        var path = Problems.Cut(request.Path.Value ?? string.Empty, 200);
        return http.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => Problems.NotFound($"No route matches {request.Method} {path}."),
            StatusCodes.Status405MethodNotAllowed => Problems.Plain(405, "Method not allowed.", $"{request.Method} is not allowed on {path}."),
            var status => Problems.Rejected(status, http.RequestServices.GetRequiredService<IOptions<JobsApiOptions>>().Value.MaxRequestBytes),
        };
    }

    public static async Task<int> RunJobAsync(FileInfo request, string[] args, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args });
        AddAppSettings(builder.Configuration);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" });
        builder.Configuration.AddCommandLine(args);
        builder.Services.AddPipelineStandalone(builder.Configuration);
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        try
        {
            var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
            var console = AnsiConsole.Console;
            if (Console.IsOutputRedirected)
            {
                // A log or a pipe: no bars, and lines as wide as they need to be.
                console.Profile.Width = 400;
            }

            var runner = new JobRunner(host.Services, console, plainProgress: Console.IsOutputRedirected);
            return await runner.RunAsync(request, stopping.Token);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// The host's appsettings.json sits next to its assembly; the working directory is where the data root goes. Read
    /// first, so every other source (appsettings in the working directory, environment, command line) overrides it.
    /// </summary>
    private static void AddAppSettings(IConfigurationBuilder configuration)
        => configuration.Sources.Insert(0, new JsonConfigurationSource
        {
            Path = "appsettings.json",
            Optional = true,
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
        });

    private static Task WriteHealthAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(
            context.Response.Body,
            new { status = report.Status.ToString(), checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }) },
            JobsApi.JsonOptions,
            context.RequestAborted);
    }
}
