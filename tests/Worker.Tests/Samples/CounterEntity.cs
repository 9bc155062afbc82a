using Microsoft.DurableTask.Entities;

namespace Pipeline.Worker.Tests.Samples;

public sealed class CounterEntity : TaskEntity<int>
{
    public int Add(int amount) => State += amount;

    public int Get() => State;
}
