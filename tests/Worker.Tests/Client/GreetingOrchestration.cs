using DurableTask.Core;

namespace Pipeline.Worker.Tests.Client;

public sealed record Greeting(string Text, int Length);

/// <summary>Calls <see cref="GreetActivity"/> once and returns a record, so reading it back needs the right converter.</summary>
public sealed class GreetingOrchestration : TaskOrchestration<Greeting, string, string, string>
{
    public GreetingOrchestration() => DataConverter = new SdkConverterForCore(ClientHubFixture.Converter);

    public override async Task<Greeting> RunTask(OrchestrationContext context, string input)
    {
        var text = await context.ScheduleTask<string>(typeof(GreetActivity), input);
        return new Greeting(text, text.Length);
    }
}
