namespace Pipeline.Worker.Tests;

public sealed class PlaceholderTests;
