using System.Text.Json;
using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Pipeline.Domain.Payloads;
using Pipeline.Functions.Adapters;

namespace Pipeline.Functions.Tests;

/// <summary>
/// On the worker as the app builds it (the Durable Task extension's registrations, then the app's), every
/// serializer a durable payload goes through — the Durable Task worker's, the client's, and the worker serializer
/// that writes activity results — offloads a large value to the blob store and reads it back.
/// </summary>
public sealed class ConverterWiringTests : IDisposable
{
    /// <summary>Over the sample's inline threshold (16 KB), under its maximum.</summary>
    private static readonly Payload Large = new(new string('x', 64 * 1024));

    private readonly SampleSettings settings = new();

    [Fact]
    public void WorkerSerializer_IsTheClaimCheckSerializer()
    {
        using var host = BuildWorker(settings);

        Assert.IsType<ClaimCheckObjectSerializer>(host.Services.GetRequiredService<IOptions<WorkerOptions>>().Value.Serializer);
    }

    [Fact]
    public async Task DurableTaskWorkerConverter_OffloadsLargePayloads_AndReadsThemBack()
    {
        using var host = BuildWorker(settings);
        var converter = host.Services.GetRequiredService<IOptions<DurableTaskWorkerOptions>>().Value.DataConverter;

        await AssertOffloadsAsync(host, converter.Serialize(Large), data => converter.Deserialize<Payload>(data));
    }

    [Fact]
    public async Task DurableTaskClientConverter_OffloadsLargePayloads_AndReadsThemBack()
    {
        using var host = BuildWorker(settings);
        var converter = host.Services.GetRequiredService<IOptions<DurableTaskClientOptions>>().Value.DataConverter;

        await AssertOffloadsAsync(host, converter.Serialize(Large), data => converter.Deserialize<Payload>(data));
    }

    [Fact]
    public async Task WorkerSerializer_OffloadsActivityResults_AndReadsThemBack()
    {
        using var host = BuildWorker(settings);
        var serializer = host.Services.GetRequiredService<IOptions<WorkerOptions>>().Value.Serializer!;

        var written = serializer.Serialize(Large, typeof(Payload), CancellationToken.None).ToString();

        await AssertOffloadsAsync(host, written, data => (Payload?)serializer.Deserialize(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(data)), typeof(Payload), CancellationToken.None));
    }

    [Fact]
    public void DurableTaskExtension_ReplacesTheConverterRegisteredInDI_WithOneOverTheWorkerSerializer()
    {
        // Why the app sets the worker serializer: with only the DataConverter in DI (what the Durable Task SDK reads),
        // the extension's post-configuration wins and payloads are written inline, however large.
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.ConfigureDurableExtension();
        builder.Configuration.AddInMemoryCollection(settings.Values);
        builder.Services.AddSingleton<DataConverter>(provider => new OffloadingPayloadConverter(
            new Infrastructure.Storage.FileSystemBlobStore(new Infrastructure.Storage.FileSystemBlobStoreOptions { RootPath = settings.Root }),
            Options.Create(new PayloadOptions())));
        using var host = builder.Build();

        var converter = host.Services.GetRequiredService<IOptions<DurableTaskWorkerOptions>>().Value.DataConverter;

        Assert.IsNotType<OffloadingPayloadConverter>(converter);
        Assert.DoesNotContain(PayloadEnvelope, converter.Serialize(Large), StringComparison.Ordinal);
    }

    public void Dispose() => settings.Dispose();

    private const string PayloadEnvelope = "{\"$claim\":";

    private static IHost BuildWorker(SampleSettings settings)
    {
        // Program.cs: CreateBuilder runs the extensions' start-up code (here called explicitly: a test host has no
        // generated start-up executor), then the app's registrations.
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.ConfigureDurableExtension();
        builder.Configuration.AddInMemoryCollection(settings.Values);
        builder.Services.AddPipelineFunctions();
        return builder.Build();
    }

    private static async Task AssertOffloadsAsync(IHost host, string? written, Func<string, Payload?> read)
    {
        Assert.NotNull(written);
        Assert.StartsWith(PayloadEnvelope, written, StringComparison.Ordinal);
        Assert.True(written.Length < 1024, $"The envelope is {written.Length} characters.");
        var claim = JsonDocument.Parse(written).RootElement.GetProperty("$claim").GetString()!;
        Assert.True(await host.Services.GetRequiredService<IBlobStore>().ExistsAsync(claim));
        Assert.Equal(Large, read(written));
    }

    private sealed record Payload(string Text);
}
