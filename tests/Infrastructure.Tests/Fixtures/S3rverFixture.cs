namespace Pipeline.Infrastructure.Tests.Fixtures;

/// <summary>One s3rver (S3-compatible server) for a test collection; credentials are its fixed S3RVER/S3RVER.</summary>
public sealed class S3rverFixture : IAsyncLifetime
{
    public const string AccessKeyId = "S3RVER";

    public const string SecretAccessKey = "S3RVER";

    private EmulatorProcess? emulator;

    public Uri ServiceUrl => new($"http://127.0.0.1:{(emulator ?? throw new InvalidOperationException("s3rver has not started.")).Port}");

    public async Task InitializeAsync()
        => emulator = await EmulatorProcess.StartAsync("s3rver", 1, static (ports, data) =>
            ["-d", data, "-a", "127.0.0.1", "-p", $"{ports[0]}", "--silent"]);

    public async Task DisposeAsync()
    {
        if (emulator is not null)
        {
            await emulator.DisposeAsync();
        }
    }
}
