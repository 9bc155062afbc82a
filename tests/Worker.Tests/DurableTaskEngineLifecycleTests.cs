using System.Diagnostics;
using Pipeline.Worker.Tests.Fixtures;
using Pipeline.Worker.Tests.Samples;
using Xunit.Abstractions;

namespace Pipeline.Worker.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class DurableTaskEngineLifecycleTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task StartAsync_FreshHubThenStop_CreatesHubRunsAndStopsEveryTime()
    {
        var timings = new List<double>();
        for (var run = 0; run < 5; run++)
        {
            await using var harness = new EngineHarness(azurite);
            var engine = harness.CreateEngine(SampleCatalog.Create());
            var elapsed = Stopwatch.StartNew();
            await engine.StartAsync();
            Assert.True(engine.IsRunning);
            await engine.StopAsync();
            timings.Add(elapsed.Elapsed.TotalMilliseconds);
            Assert.False(engine.IsRunning);
        }

        timings.Sort();
        output.WriteLine($"create hub + start + stop: median {timings[timings.Count / 2]:0} ms; all {string.Join(", ", timings.Select(t => $"{t:0}"))} ms");
    }
}
