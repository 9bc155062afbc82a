using Microsoft.Extensions.DependencyInjection;
using Pipeline.Domain.Durable;
using Pipeline.Runtime.Testing;
using Pipeline.Testing;

namespace Pipeline.Runtime.Tests;

public sealed class VirtualTimeProviderTests
{
    [Fact]
    public async Task AsTimeProvider_DelaysInsideActivities_TakeVirtualTimeSideBySide()
    {
        var catalog = new DurableCatalog().AddActivity<DelayActivity>().AddWorkflow<DelaysWorkflow>();
        await using var host = new TestRuntime(catalog, services: s => s.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<VirtualActivityClock>().AsTimeProvider()));
        var start = host.Clock.GetUtcNow();

        var result = await host.RunAsync(nameof(DelaysWorkflow), new[] { 3, 7, 5 }, "delays");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(15, result.ReadOutputAs<int>());
        Assert.Equal(TimeSpan.FromSeconds(7), host.Clock.GetUtcNow() - start);
        Assert.Equal(3, host.VirtualClock.PeakParked);
    }

    [Fact]
    public async Task DelayAsync_Cancelled_LeavesNothingParked()
    {
        await using var host = new TestRuntime(new DurableCatalog());
        using var cancel = new CancellationTokenSource();
        var time = host.VirtualClock.AsTimeProvider();

        var delay = Task.Delay(TimeSpan.FromSeconds(10), time, cancel.Token);
        Assert.Equal(1, host.VirtualClock.Parked);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => delay);
        Assert.Equal(0, host.VirtualClock.Parked);
    }

    internal sealed class DelayActivity(TimeProvider time) : Activity<int, int>
    {
        public override async Task<int> RunAsync(int input, CancellationToken cancellationToken)
        {
            await Task.Delay(TimeSpan.FromSeconds(input), time, cancellationToken);
            return input;
        }
    }

    internal sealed class DelaysWorkflow : Workflow<int[], int>
    {
        public override async Task<int> RunAsync(IOrchestrationContext context, int[] input)
            => (await Task.WhenAll(input.Select(seconds => context.CallActivityAsync<int>(nameof(DelayActivity), seconds)))).Sum();
    }
}
