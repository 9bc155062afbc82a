namespace Pipeline.Worker.Tests.Client;

/// <summary>
/// Reads an observable value until it meets a condition, for effects with no completion signal of their own (an
/// entity signal is fire-and-forget). Each read is real backend state; the deadline only bounds a failing test.
/// </summary>
public static class Eventually
{
    public static async Task<T> ReadAsync<T>(Func<CancellationToken, Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        var delay = TimeSpan.FromMilliseconds(25);
        while (true)
        {
            var value = await read(deadline.Token);
            if (done(value))
            {
                return value;
            }

            await Task.Delay(delay, deadline.Token);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMilliseconds(250).Ticks));
        }
    }
}
