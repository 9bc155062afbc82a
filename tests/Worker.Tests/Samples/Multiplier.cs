namespace Pipeline.Worker.Tests.Samples;

public sealed class Multiplier : IMultiplier
{
    public int Multiply(int left, int right) => left * right;
}
