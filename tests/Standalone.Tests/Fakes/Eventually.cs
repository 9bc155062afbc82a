namespace Pipeline.Standalone.Tests.Fakes;

/// <summary>
/// Waits for state another part of the system changes on its own schedule (an entity processing a signal): reads the
/// state until it satisfies the condition, failing at a deadline.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static async Task<T> ReadUntilAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        var value = await read();
        while (!condition(value))
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for {what}; last read: {System.Text.Json.JsonSerializer.Serialize(value)}.");
            }

            await Task.Delay(50);
            value = await read();
        }

        return value;
    }
}
