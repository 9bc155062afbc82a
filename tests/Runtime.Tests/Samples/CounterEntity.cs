using Pipeline.Domain.Durable;

namespace Pipeline.Runtime.Tests.Samples;

/// <summary>A counter that also keeps the order of the values added.</summary>
internal sealed class CounterEntity : Entity<CounterState>
{
    public void Add(int amount)
    {
        State.Total += amount;
        State.Values.Add(amount);
    }

    public int Get() => State.Total;

    public void Fail(int amount)
    {
        State.Total += amount;
        throw new InvalidOperationException("refused");
    }

    protected override CounterState InitializeState() => new();
}

internal sealed class CounterState
{
    public int Total { get; set; }

    public List<int> Values { get; set; } = [];
}
