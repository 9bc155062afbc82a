namespace Pipeline.Analyzers.Tests;

public sealed class NonDeterministicApiTests
{
    /// <summary>APIs the SDK's analyzers never report: PIPE0001 reports them everywhere in workflow code.</summary>
    public static TheoryData<string> ApisTheSdkLacks => new()
    {
        "var watch = [|Stopwatch.StartNew()|];",
        "var watch = [|new Stopwatch()|];",
        "var ticks = [|Stopwatch.GetTimestamp()|];",
        "var system = [|TimeProvider.System|];",
        "var zone = [|TimeProvider.System|].LocalTimeZone;",
        "var elapsed = clock.[|GetElapsedTime(0)|];",
        "var now = new FixedClock().[|GetUtcNow()|];",
        "var ticks = [|Environment.TickCount|];",
        "var ticks = [|Environment.TickCount64|];",
        "var id = [|Guid.CreateVersion7()|];",
        "var random = [|new Random()|];",
        "var random = [|new Random(42)|];",
        "var value = [|Random.Shared|].Next();",
        "var value = [|RandomNumberGenerator.GetInt32(10)|];",
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
        "using var timer = [|new PeriodicTimer(TimeSpan.FromSeconds(1))|];",
        "using var timer = [|new System.Threading.Timer(_ => { })|];",
        "using var timer = [|new System.Timers.Timer(1000)|];",
        "Func<Guid> next = [|Guid.NewGuid|];",
        "Func<Func<int>, Task<int>> run = [|Task.Run|];",
    };

    /// <summary>
    /// APIs the SDK's analyzers report in the run method and the methods it invokes (DURABLE0001–0004, 0006):
    /// PIPE0001 leaves them to the SDK there.
    /// </summary>
    public static TheoryData<string> ApisTheSdkReports => new()
    {
        "var now = DateTime.Now;",
        "var now = DateTime.UtcNow;",
        "var today = DateTime.Today;",
        "var now = DateTimeOffset.Now;",
        "var now = DateTimeOffset.UtcNow;",
        "var now = clock.GetUtcNow();",
        "var now = clock.GetLocalNow();",
        "var ticks = clock.GetTimestamp();",
        "var id = Guid.NewGuid();",
        "await Task.Delay(1000);",
        "await Task.Delay(TimeSpan.FromSeconds(1));",
        "Thread.Sleep(10);",
        "await Task.Run(() => 1);",
        "await Task.Factory.StartNew(() => 1);",
        "await new TaskFactory().StartNew(() => { });",
        "await context.CallActivityAsync(\"A\").ContinueWith(t => 1);",
        "await context.CallActivityAsync<int>(\"A\").ContinueWith(t => t.Result);",
        "var value = Environment.GetEnvironmentVariable(\"REGION\");",
        "var values = Environment.GetEnvironmentVariables();",
        "var path = Environment.ExpandEnvironmentVariables(\"%HOME%\");",
        "var ids = new[] { 1, 2 }.Select(_ => Guid.NewGuid()).ToList();",
        "int Second() => DateTime.UtcNow.Second; var second = Second();",
    };

    /// <summary>The same APIs as initializers and property bodies (type, marked expression): code the SDK never inspects.</summary>
    public static TheoryData<string, string> SdkReportedApisAsExpressions => new()
    {
        { "DateTime", "[|DateTime.Now|]" },
        { "DateTime", "[|DateTime.UtcNow|]" },
        { "DateTimeOffset", "[|DateTimeOffset.UtcNow|]" },
        { "DateTimeOffset", "[|TimeProvider.System|].[|GetUtcNow()|]" },
        { "Guid", "[|Guid.NewGuid()|]" },
        { "Task", "[|Task.Delay(1000)|]" },
        { "Task", "[|Task.Run(() => { })|]" },
        { "Task", "Task.Factory.[|StartNew(() => { })|]" },
        { "Task", "Task.CompletedTask.[|ContinueWith(t => { })|]" },
        { "string?", "[|Environment.GetEnvironmentVariable(\"REGION\")|]" },
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
    [MemberData(nameof(ApisTheSdkLacks))]
    public Task Analyze_ApiTheSdkLacksInWorkflow_ReportsPipe0001AtTheApi(string body)
        => Expect.DiagnosticsAtMarksAsync(Snippets.InWorkflow(body), DeterminismDiagnostics.NonDeterministicApiId);

    [Theory]
    [MemberData(nameof(ApisTheSdkLacks))]
    public Task Analyze_ApiTheSdkLacksInPlainClass_ReportsNothing(string body)
        => Expect.NoDiagnosticsAsync(Snippets.InPlainClass(body));

    [Theory]
    [MemberData(nameof(ApisTheSdkReports))]
    public Task Analyze_ApiTheSdkReportsInRunMethod_LeavesItToTheSdk(string body)
        => Expect.NoDiagnosticsAsync(Snippets.InWorkflow(body));

    [Theory]
    [MemberData(nameof(SdkReportedApisAsExpressions))]
    public Task Analyze_ApiTheSdkReportsInFieldInitializer_ReportsPipe0001(string type, string expression)
        => Expect.DiagnosticsAtMarksAsync(
            Snippets.InWorkflowFieldInitializer(type, expression),
            DeterminismDiagnostics.NonDeterministicApiId);

    [Theory]
    [MemberData(nameof(SdkReportedApisAsExpressions))]
    public Task Analyze_ApiTheSdkReportsInPropertyBody_ReportsPipe0001(string type, string expression)
        => Expect.DiagnosticsAtMarksAsync(
            Snippets.InWorkflowProperty(type, expression),
            DeterminismDiagnostics.NonDeterministicApiId);

    [Fact]
    public Task Analyze_ApiTheSdkReportsInConstructor_ReportsPipe0001()
        => Expect.DiagnosticsAtMarksAsync(
            Snippets.Prelude + """
            namespace Samples
            {
                public sealed class StartedWorkflow : TaskOrchestrator<string, string>
                {
                    private readonly DateTime started;

                    public StartedWorkflow()
                    {
                        started = [|DateTime.UtcNow|];
                    }

                    public override Task<string> RunAsync(TaskOrchestrationContext context, string input)
                        => Task.FromResult(input + started);
                }
            }
            """,
            DeterminismDiagnostics.NonDeterministicApiId);

    [Theory]
    [MemberData(nameof(DeterministicApis))]
    public Task Analyze_DeterministicApiInWorkflow_ReportsNothing(string body)
        => Expect.NoDiagnosticsAsync(Snippets.InWorkflow(body));

    [Theory]
    [InlineData("var random = new Random();", "'new Random' is not deterministic in workflow code: use an activity instead")]
    [InlineData("var watch = Stopwatch.StartNew();", "'Stopwatch.StartNew()' is not deterministic in workflow code: use context.CurrentUtcDateTime instead")]
    [InlineData("var id = Guid.CreateVersion7();", "'Guid.CreateVersion7()' is not deterministic in workflow code: use context.NewGuid() instead")]
    [InlineData("[|Parallel.Invoke(() => { })|];", "'Parallel.Invoke()' is not deterministic in workflow code: use context calls combined with Task.WhenAll instead")]
    [InlineData("using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));", "'new PeriodicTimer' is not deterministic in workflow code: use context.CreateTimer instead")]
    [InlineData("await context.CallActivityAsync(\"A\").ConfigureAwait(false);", "'ConfigureAwait(false)' is not deterministic in workflow code: use a plain 'await' instead")]
    public async Task Analyze_NonDeterministicApiInWorkflow_MessageNamesApiAndReplacement(string body, string message)
    {
        var diagnostic = await Expect.SingleDiagnosticAsync(MarkedSource.Parse(Snippets.InWorkflow(body)).Text);

        Assert.Equal(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("DateTime", "DateTime.UtcNow", "'DateTime.UtcNow' is not deterministic in workflow code: use context.CurrentUtcDateTime instead")]
    [InlineData("Guid", "Guid.NewGuid()", "'Guid.NewGuid()' is not deterministic in workflow code: use context.NewGuid() instead")]
    [InlineData("Task", "Task.Delay(10)", "'Task.Delay()' is not deterministic in workflow code: use context.CreateTimer instead")]
    [InlineData("string?", "Environment.GetEnvironmentVariable(\"REGION\")", "'Environment.GetEnvironmentVariable()' is not deterministic in workflow code: use an activity or the workflow input instead")]
    public async Task Analyze_ApiTheSdkReportsInInitializer_MessageNamesApiAndReplacement(string type, string expression, string message)
    {
        var diagnostic = await Expect.SingleDiagnosticAsync(Snippets.InWorkflowFieldInitializer(type, expression));

        Assert.Equal(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
