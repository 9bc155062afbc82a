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
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var http = context.HttpContext;
            context.ProblemDetails.Detail ??= http.Response.StatusCode switch
            {
                StatusCodes.Status404NotFound => $"No route matches {http.Request.Method} {Problems.Cut(http.Request.Path.Value ?? string.Empty, 200)}.",
                StatusCodes.Status405MethodNotAllowed => $"{http.Request.Method} is not allowed on {Problems.Cut(http.Request.Path.Value ?? string.Empty, 200)}.",
                StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
                >= 500 => "The server failed to handle the request; the log has the details.",
                _ => "The request could not be handled.",
            };
        });
        builder.Services.AddHealthChecks().AddCheck<EngineHealthCheck>("engine");

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.MapPipelineApi();
        app.MapHealthChecks("/api/health", new HealthCheckOptions { ResponseWriter = WriteHealthAsync });
        return app;
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
