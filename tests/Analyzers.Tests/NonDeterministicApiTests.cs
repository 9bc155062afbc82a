namespace Pipeline.Analyzers.Tests;

public sealed class NonDeterministicApiTests
{
    public static TheoryData<string> NonDeterministicApis => new()
    {
        "var now = [|DateTime.Now|];",
        "var now = [|DateTime.UtcNow|];",
        "var today = [|DateTime.Today|];",
        "var now = [|DateTimeOffset.Now|];",
        "var now = [|DateTimeOffset.UtcNow|];",
        "var watch = [|Stopwatch.StartNew()|];",
        "var watch = [|new Stopwatch()|];",
        "var ticks = [|Stopwatch.GetTimestamp()|];",
        "var system = [|TimeProvider.System|];",
        "var now = clock.[|GetUtcNow()|];",
        "var now = [|TimeProvider.System|].[|GetUtcNow()|];",
        "var now = new FixedClock().[|GetUtcNow()|];",
        "var ticks = [|Environment.TickCount|];",
        "var ticks = [|Environment.TickCount64|];",
        "var id = [|Guid.NewGuid()|];",
        "var random = [|new Random()|];",
        "var random = [|new Random(42)|];",
        "var value = [|Random.Shared|].Next();",
        "var value = [|RandomNumberGenerator.GetInt32(10)|];",
        "await [|Task.Delay(1000)|];",
        "await [|Task.Delay(TimeSpan.FromSeconds(1))|];",
        "[|Thread.Sleep(10)|];",
        "await [|Task.Run(() => 1)|];",
        "await Task.Factory.[|StartNew(() => 1)|];",
        "await new TaskFactory().[|StartNew(() => { })|];",
        "await context.CallActivityAsync(\"A\").[|ContinueWith(t => 1)|];",
        "await context.CallActivityAsync<int>(\"A\").[|ContinueWith(t => t.Result)|];",
        "var thread = [|new Thread(() => { })|];",
        "[|ThreadPool.QueueUserWorkItem(_ => { })|];",
        "[|Parallel.For(0, 3, i => { })|];",
        "[|Parallel.Invoke(() => { })|];",
        "await context.CallActivityAsync(\"A\").[|ConfigureAwait(false)|];",
        "await context.CallActivityAsync<int>(\"A\").[|ConfigureAwait(false)|];",
        "var capture = input.Length > 1; await context.CallActivityAsync(\"A\").[|ConfigureAwait(capture)|];",
        "await context.CallActivityAsync(\"A\").[|ConfigureAwait(ConfigureAwaitOptions.None)|];",
        "await context.CallActivityAsync(\"A\").[|ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing)|];",
        "await new ValueTask(Task.CompletedTask).[|ConfigureAwait(false)|];",
        "var value = [|Environment.GetEnvironmentVariable(\"REGION\")|];",
        "var values = [|Environment.GetEnvironmentVariables()|];",
        "using var timer = [|new PeriodicTimer(TimeSpan.FromSeconds(1))|];",
        "Func<Guid> next = [|Guid.NewGuid|];",
    };

    public static TheoryData<string> DeterministicApis => new()
    {
        "var now = context.CurrentUtcDateTime;",
        "var id = context.NewGuid();",
        "await context.CreateTimer(TimeSpan.FromSeconds(1), CancellationToken.None);",
        "await context.CallActivityAsync(\"A\").ConfigureAwait(true);",
        "await context.CallActivityAsync(\"A\").ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);",
        "await context.CallActivityAsync(\"A\").ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing);",
        "await Task.WhenAll(context.CallActivityAsync(\"A\"), context.CallActivityAsync(\"B\"));",
        "var first = await Task.WhenAny(context.CallActivityAsync(\"A\"), context.CallActivityAsync(\"B\"));",
        "var done = await Task.FromResult(1);",
        "var date = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(1);",
        "var parsed = DateTimeOffset.Parse(\"2024-01-01T00:00:00Z\", System.Globalization.CultureInfo.InvariantCulture);",
        "var id = Guid.Parse(\"3f2504e0-4f89-11d3-9a0c-0305e82c3301\");",
        "var later = context.CurrentUtcDateTime + TimeSpan.FromMinutes(5);",
        "var name = Environment.NewLine;",
        "var completed = Task.CompletedTask;",
        "var capture = input.Length > 1; await context.CallActivityAsync(\"A\").ConfigureAwait(true);",
    };

    [Theory]
    [MemberData(nameof(NonDeterministicApis))]
    public Task Analyze_NonDeterministicApiInWorkflow_ReportsPipe0001AtTheApi(string body)
        => Expect.DiagnosticsAtMarksAsync(Snippets.InWorkflow(body), DeterminismDiagnostics.NonDeterministicApiId);

    [Theory]
    [MemberData(nameof(NonDeterministicApis))]
    public Task Analyze_NonDeterministicApiInPlainClass_ReportsNothing(string body)
        => Expect.NoDiagnosticsAsync(Snippets.InPlainClass(body));

    [Theory]
    [MemberData(nameof(DeterministicApis))]
    public Task Analyze_DeterministicApiInWorkflow_ReportsNothing(string body)
        => Expect.NoDiagnosticsAsync(Snippets.InWorkflow(body));

    [Theory]
    [InlineData("var now = DateTime.UtcNow;", "'DateTime.UtcNow' is not deterministic in workflow code: use context.CurrentUtcDateTime instead")]
    [InlineData("var id = Guid.NewGuid();", "'Guid.NewGuid()' is not deterministic in workflow code: use context.NewGuid() instead")]
    [InlineData("await Task.Delay(10);", "'Task.Delay()' is not deterministic in workflow code: use context.CreateTimer instead")]
    [InlineData("Thread.Sleep(10);", "'Thread.Sleep()' is not deterministic in workflow code: use context.CreateTimer instead")]
    [InlineData("var random = new Random();", "'new Random' is not deterministic in workflow code: use an activity instead")]
    [InlineData("await Task.Run(() => 1);", "'Task.Run()' is not deterministic in workflow code: use an activity instead")]
    [InlineData("await context.CallActivityAsync(\"A\").ConfigureAwait(false);", "'ConfigureAwait(false)' is not deterministic in workflow code: use a plain 'await' instead")]
    [InlineData("var value = Environment.GetEnvironmentVariable(\"X\");", "'Environment.GetEnvironmentVariable()' is not deterministic in workflow code: use an activity or the workflow input instead")]
    public async Task Analyze_NonDeterministicApiInWorkflow_MessageNamesApiAndReplacement(string body, string message)
    {
        var diagnostic = await Expect.SingleDiagnosticAsync(Snippets.InWorkflow(body));

        Assert.Equal(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
