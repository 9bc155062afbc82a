using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Pipeline.Domain.Activities;
using Pipeline.Domain.Assets;
using Pipeline.Domain.Media;
using Pipeline.Infrastructure.Media;
using Pipeline.Infrastructure.Media.FaultInjection;

namespace Pipeline.Infrastructure.Tests.Media;

public sealed class FaultInjectorTests
{
    [Theory]
    [InlineData(0.10, 0.05)]
    [InlineData(0.30, 0.20)]
    [InlineData(0.00, 0.50)]
    public async Task BeforeCallAsync_TenThousandSeededCalls_ObservedRatesWithinTwoPercentAndKindsRight(double transientRate, double permanentRate)
    {
        var writer = new FaultInjectingPromptWriter(new LocalPromptWriter(), Injector(new() { Seed = 7, TransientRate = transientRate, PermanentRate = permanentRate }));
        int transient = 0, permanent = 0, passed = 0;

        for (var i = 0; i < 10_000; i++)
        {
            try
            {
                await writer.WriteImagePromptsAsync($"segment number {i} about cells", 1);
                passed++;
            }
            catch (GenerationException ex) when (ex.Provider == FaultInjector.ProviderName)
            {
                _ = ex.Kind switch
                {
                    FailureKind.Transient => transient++,
                    FailureKind.Permanent => permanent++,
                    _ => throw new Xunit.Sdk.XunitException($"unexpected kind {ex.Kind}"),
                };
            }
        }

        Assert.InRange(transient / 10_000.0, transientRate - 0.02, transientRate + 0.02);
        Assert.InRange(permanent / 10_000.0, permanentRate - 0.02, permanentRate + 0.02);
        Assert.Equal(10_000, transient + permanent + passed);
    }

    [Fact]
    public void Decide_SameSeedKeyAndAttempt_SameDecision_OtherSeed_OtherDecisions()
    {
        var options = new FaultInjectionOptions
        {
            Seed = 11,
            TransientRate = 0.3,
            PermanentRate = 0.1,
            Latency = new() { Distribution = LatencyDistribution.LogNormal, Mu = 5, Sigma = 1 },
        };
        var first = Injector(options);
        var second = Injector(options);
        var reseeded = Injector(new() { Seed = 12, TransientRate = 0.3, PermanentRate = 0.1, Latency = options.Latency });

        var keys = Enumerable.Range(0, 200).Select(i => $"key-{i}").ToList();
        var a = keys.Select(k => first.Decide("IImageGenerator", k, 1)).ToList();

        Assert.Equal(a, keys.Select(k => second.Decide("IImageGenerator", k, 1)));
        Assert.NotEqual(a, keys.Select(k => reseeded.Decide("IImageGenerator", k, 1)));
        Assert.NotEqual(a, keys.Select(k => first.Decide("IImageGenerator", k, 2)));
    }

    [Fact]
    public async Task BeforeCallAsync_RetriedCall_DecidedByTheActivitysAttemptNumber()
    {
        var options = new FaultInjectionOptions { Seed = 3, TransientRate = 0.5 };
        var injector = Injector(options);
        // A key whose first attempt fails and second passes, found from the pure decision function.
        var key = Enumerable.Range(0, 1000).Select(i => $"k{i}")
            .First(k => injector.Decide("IMusicGenerator", k, 1).Fault == FailureKind.Transient && injector.Decide("IMusicGenerator", k, 2).Fault is null);

        GenerationException error;
        using (ActivityAttempt.Enter(1))
        {
            error = await Assert.ThrowsAsync<GenerationException>(() => injector.BeforeCallAsync("IMusicGenerator", key, CancellationToken.None));
        }

        using (ActivityAttempt.Enter(2))
        {
            await injector.BeforeCallAsync("IMusicGenerator", key, CancellationToken.None);
        }

        Assert.Equal(FailureKind.Transient, error.Kind);
    }

    [Fact]
    public async Task BeforeCallAsync_AfterARestart_TheSameAttemptGetsTheSameDecisionAndTheMessageNamesIt()
    {
        var options = new FaultInjectionOptions { Seed = 5, TransientRate = 0.6 };
        // A key that fails on attempts 1 to 4 and passes on the fifth.
        var probe = Injector(options);
        var key = Enumerable.Range(0, 10_000).Select(i => $"k{i}")
            .First(k => Enumerable.Range(1, 4).All(a => probe.Decide("ISpeechGenerator", k, a).Fault is not null) && probe.Decide("ISpeechGenerator", k, 5).Fault is null);

        // Attempts 1 and 2 ran in one process; attempts 3 to 5 run after a restart (a new injector that has seen nothing).
        var before = Injector(options);
        var messages = new List<string>();
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            messages.Add(await FailureOfAsync(before, key, attempt) ?? "passed");
        }

        var restarted = Injector(options);
        for (var attempt = 3; attempt <= 5; attempt++)
        {
            messages.Add(await FailureOfAsync(restarted, key, attempt) ?? "passed");
        }

        Assert.Equal(
            [.. Enumerable.Range(1, 4).Select(a => $"Injected {(probe.Decide("ISpeechGenerator", key, a).Fault == FailureKind.Transient ? "transient" : "permanent")} failure of ISpeechGenerator (seed 5, attempt {a})."), "passed"],
            messages);
    }

    [Fact]
    public async Task BeforeCallAsync_OutsideAnyActivityAttempt_IsAttemptOneEveryTime()
    {
        var options = new FaultInjectionOptions { Seed = 3, TransientRate = 0.5 };
        var injector = Injector(options);
        var key = Enumerable.Range(0, 1000).Select(i => $"k{i}")
            .First(k => injector.Decide("IMusicGenerator", k, 1).Fault == FailureKind.Transient && injector.Decide("IMusicGenerator", k, 2).Fault is null);

        var first = await Assert.ThrowsAsync<GenerationException>(() => injector.BeforeCallAsync("IMusicGenerator", key, CancellationToken.None));
        var second = await Assert.ThrowsAsync<GenerationException>(() => injector.BeforeCallAsync("IMusicGenerator", key, CancellationToken.None));

        Assert.Equal(first.Message, second.Message);
        Assert.EndsWith("attempt 1).", second.Message, StringComparison.Ordinal);
    }

    private static async Task<string?> FailureOfAsync(FaultInjector injector, string key, int attempt)
    {
        using var scope = ActivityAttempt.Enter(attempt);
        try
        {
            await injector.BeforeCallAsync("ISpeechGenerator", key, CancellationToken.None);
            return null;
        }
        catch (GenerationException e)
        {
            return e.Message;
        }
    }

    [Fact]
    public void Decide_Distributions_LatencyFollowsTheConfiguredShape()
    {
        var keys = Enumerable.Range(0, 4000).Select(i => $"k{i}").ToList();
        TimeSpan[] Latencies(FaultLatencyOptions latency)
            => keys.Select(k => Injector(new() { Latency = latency }).Decide("ISpeechGenerator", k, 1).Latency).ToArray();

        Assert.All(Latencies(new() { Distribution = LatencyDistribution.Fixed, FixedMilliseconds = 250 }), l => Assert.Equal(TimeSpan.FromMilliseconds(250), l));

        var uniform = Latencies(new() { Distribution = LatencyDistribution.Uniform, MinMilliseconds = 100, MaxMilliseconds = 300 });
        Assert.All(uniform, l => Assert.InRange(l.TotalMilliseconds, 100, 300));
        Assert.InRange(uniform.Average(l => l.TotalMilliseconds), 190, 210);

        // Lognormal: the median is e^μ and the log's spread is σ.
        var lognormal = Latencies(new() { Distribution = LatencyDistribution.LogNormal, Mu = 6, Sigma = 0.5 })
            .Select(l => Math.Log(l.TotalMilliseconds)).Order().ToArray();
        Assert.InRange(lognormal[lognormal.Length / 2], 5.95, 6.05);
        var mean = lognormal.Average();
        Assert.InRange(Math.Sqrt(lognormal.Average(x => (x - mean) * (x - mean))), 0.47, 0.53);
    }

    [Fact]
    public async Task FaultInjectingImageGenerator_Latency_WaitsOnTheTimeProvider()
    {
        var time = new FakeTimeProvider();
        var injector = new FaultInjector(
            Options.Create(new FaultInjectionOptions { Latency = new() { Distribution = LatencyDistribution.Fixed, FixedMilliseconds = 2000 } }), time);
        var generator = new FaultInjectingImageGenerator(new SkiaImageGenerator(), injector);

        var call = generator.GenerateImageAsync("a cell", 32, 32);
        time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.False(call.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await using var image = await call;

        Assert.Equal("png", image.Extension);
    }

    [Fact]
    public void Validate_RatesAddUpToMoreThanOne_NamesTheSettings()
    {
        var options = new MediaOptions { FaultInjection = new() { TransientRate = 0.7, PermanentRate = 0.5 } };

        var results = options.Validate(new(options)).ToList();

        Assert.Contains(results, r => r.ErrorMessage!.Contains("Pipeline:Media:FaultInjection:TransientRate", StringComparison.Ordinal));
    }

    private static FaultInjector Injector(FaultInjectionOptions options) => new(Options.Create(options), new FakeTimeProvider());
}
