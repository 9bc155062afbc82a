namespace Pipeline.Worker;

internal static class Placeholder;
