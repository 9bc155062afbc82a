using Microsoft.Extensions.Hosting;
using Pipeline.Domain.Jobs;

namespace Pipeline.Infrastructure.Jobs;

/// <summary>Creates the job store's database objects at start, so a missing database or container shows at start-up, not at the first request.</summary>
public sealed class JobStoreInitializer(IJobDocumentStore documents) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => documents.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
