namespace Pipeline.Analyzers.Tests;

public sealed class IoTests
{
    /// <summary>I/O the SDK's DURABLE0005 never reports (it knows only a few client types): PIPE0002 reports it.</summary>
    public static TheoryData<string> IoTheSdkLacks => new()
    {
        "using var handler = [|new SocketsHttpHandler()|];",
        "using var socket = [|new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)|];",
        "using var tcp = [|new TcpClient()|];",
        "var addresses = await [|Dns.GetHostAddressesAsync(\"example.test\")|];",
        "var text = [|File.ReadAllText(\"a.txt\")|];",
        "await [|File.WriteAllTextAsync(\"a.txt\", input)|];",
        "var exists = [|Directory.Exists(\"data\")|];",
        "using var stream = [|new FileStream(\"a.txt\", FileMode.Open)|];",
        "using var stream = [|File.OpenRead(\"a.txt\")|];",
        "var info = [|new FileInfo(\"a.txt\")|];",
        "var length = [|new FileInfo(\"a.txt\")|].Length;",
        "var directory = [|new DirectoryInfo(\"data\")|];",
        "using var reader = [|new StreamReader(\"a.txt\")|];",
        "using var writer = [|new StreamWriter(\"a.txt\")|];",
        "var temporary = [|Path.GetTempFileName()|];",
        "await block.[|UploadAsync(input)|];",
        "await s3.[|PutObjectAsync(input)|];",
        "var connection = [|new SqliteConnection(\"Data Source=:memory:\")|];",
        "[|new SqliteConnection(\"Data Source=:memory:\")|].Open();",
        "using var table = [|new System.Data.DataTable()|];",
    };

    /// <summary>Uses of the client types DURABLE0005 reports in the run method and the methods it invokes.</summary>
    public static TheoryData<string> IoTheSdkReports => new()
    {
        "using var client = new HttpClient();",
        "var page = await http.GetStringAsync(\"https://example.test/\");",
        "using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, \"https://example.test/\"));",
        "await blobs.UploadAsync(input);",
        "var client = new BlobClient();",
        "var cosmos = new CosmosClient(\"AccountEndpoint=https://example.test/\");",
    };

    public static TheoryData<string> NonIoApis => new()
    {
        "var path = Path.Combine(\"jobs\", input, \"a.txt\");",
        "var extension = Path.GetExtension(input);",
        "using var reader = new StreamReader(new MemoryStream());",
        "using var writer = new StreamWriter(new MemoryStream());",
        "using var request = new HttpRequestMessage(HttpMethod.Get, \"https://example.test/\");",
        "var status = HttpStatusCode.NotFound;",
        "var uri = new Uri(\"https://example.test/\");",
        "var result = await context.CallActivityAsync<string>(\"Upload\", input);",
    };

    [Theory]
    [MemberData(nameof(IoTheSdkLacks))]
    public Task Analyze_IoTheSdkLacksInWorkflow_ReportsPipe0002AtTheApi(string body)
        => Expect.DiagnosticsAtMarksAsync(Snippets.InWorkflow(body), DeterminismDiagnostics.IoId);

    [Theory]
    [MemberData(nameof(IoTheSdkLacks))]
    public Task Analyze_IoInPlainClass_ReportsNothing(string body)
        => Expect.NoDiagnosticsAsync(Snippets.InPlainClass(body));

    [Theory]
    [MemberData(nameof(IoTheSdkReports))]
    public Task Analyze_IoTheSdkReportsInRunMethod_LeavesItToTheSdk(string body)
        => Expect.NoDiagnosticsAsync(Snippets.InWorkflow(body));

    [Theory]
    [InlineData("HttpClient", "new HttpClient()")]
    [InlineData("BlobClient", "new BlobClient()")]
    [InlineData("string", "File.ReadAllText(\"a.txt\")")]
    public Task Analyze_IoInFieldInitializer_ReportsPipe0002(string type, string expression)
        => Expect.DiagnosticsAtMarksAsync(
            Snippets.InWorkflowFieldInitializer(type, "[|" + expression + "|]"),
            DeterminismDiagnostics.IoId);

    [Fact]
    public Task Analyze_HttpClientSubclassInWorkflow_ReportsPipe0002()
        => Expect.DiagnosticsAtMarksAsync(
            Snippets.Prelude + """
            namespace Samples
            {
                public sealed class ApiClient : HttpClient
                {
                }

                public sealed class CallingWorkflow : TaskOrchestrator<string, string>
                {
                    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
                    {
                        using var client = [|new ApiClient()|];
                        return input;
                    }
                }
            }
            """,
            DeterminismDiagnostics.IoId);

    [Theory]
    [MemberData(nameof(NonIoApis))]
    public Task Analyze_PureApiInWorkflow_ReportsNothing(string body)
        => Expect.NoDiagnosticsAsync(Snippets.InWorkflow(body));

    [Theory]
    [InlineData("var text = File.ReadAllText(\"a.txt\");", "'File.ReadAllText()' performs I/O in workflow code: move I/O into an activity")]
    [InlineData("using var tcp = new TcpClient();", "'new TcpClient' performs I/O in workflow code: move I/O into an activity")]
    [InlineData("await block.UploadAsync(input);", "'BlockBlobClient.UploadAsync()' performs I/O in workflow code: move I/O into an activity")]
    public async Task Analyze_IoInWorkflow_MessageNamesApiAndSaysMoveToActivity(string body, string message)
    {
        var diagnostic = await Expect.SingleDiagnosticAsync(Snippets.InWorkflow(body));

        Assert.Equal(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
