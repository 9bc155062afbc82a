using Microsoft.DurableTask.Entities;

namespace Pipeline.Worker.Tests.Client;

/// <summary>An SDK entity: an integer that operations add to.</summary>
public sealed class CounterEntity : TaskEntity<int>
{
    public void Add(int amount) => State += amount;

    public int Get() => State;
}
