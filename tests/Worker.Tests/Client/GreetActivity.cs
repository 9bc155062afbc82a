using DurableTask.Core;

namespace Pipeline.Worker.Tests.Client;

public sealed class GreetActivity : TaskActivity<string, string>
{
    protected override string Execute(TaskContext context, string input) => $"Hello, {input}!";
}
