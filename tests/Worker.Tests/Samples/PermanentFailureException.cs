namespace Pipeline.Worker.Tests.Samples;

public sealed class PermanentFailureException(string message) : Exception(message);
