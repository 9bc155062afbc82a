using Azure.Identity;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pipeline.Functions;
using Pipeline.Functions.Http;

var builder = FunctionsApplication.CreateBuilder(args);

// HTTP triggers take ASP.NET Core's HttpRequest and return IActionResult. An exception that escapes one is answered as
// on the standalone host: the server's own 4xx for a malformed request, otherwise 500 without internal text.
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ApiExceptionMiddleware>();

// Worker logs and traces go to Application Insights directly (the host sends its own). With local authentication off,
// the component accepts only Entra ID tokens: sign in as the app's identity (AZURE_CLIENT_ID) when the platform says so.
builder.Services
    .AddApplicationInsightsTelemetryWorkerService()
    .ConfigureFunctionsApplicationInsights();
if (!string.IsNullOrEmpty(builder.Configuration["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]))
{
    builder.Services.Configure<TelemetryConfiguration>(telemetry => telemetry.SetAzureTokenCredential(new DefaultAzureCredential()));
}

// The layers' registrations (the same as the standalone host's) and the claim-check serializer; every options class is
// validated at start-up. The Durable Task extension registers itself before this line (the worker SDK's generated
// start-up code runs inside CreateBuilder).
builder.Services.AddPipelineFunctions();

builder.Build().Run();
