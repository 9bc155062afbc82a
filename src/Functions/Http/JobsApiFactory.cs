using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Api;

namespace Pipeline.Functions.Http;

/// <summary>
/// The shared request handling over the invocation's bound <see cref="DurableTaskClient"/> (the isolated worker hands
/// the client to each function through <c>[DurableClient]</c>, not through DI).
/// </summary>
public sealed class JobsApiFactory(IServiceProvider services)
{
    public JobsApi For(DurableTaskClient client) => ActivatorUtilities.CreateInstance<JobsApi>(services, client);

    public static string BaseUrl(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return $"{request.Scheme}://{request.Host}{request.PathBase}";
    }
}
