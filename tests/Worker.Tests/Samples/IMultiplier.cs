namespace Pipeline.Worker.Tests.Samples;

/// <summary>A constructor dependency for <see cref="SquareActivity"/>.</summary>
public interface IMultiplier
{
    int Multiply(int left, int right);
}
