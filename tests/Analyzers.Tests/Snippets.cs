namespace Pipeline.Analyzers.Tests;

/// <summary>Test sources: a method body placed in a workflow, or the same body in a plain class.</summary>
internal static class Snippets
{
    /// <summary>Usings, stand-ins for storage SDK types (the tests reference no storage SDK) and a class with static fields.</summary>
    public const string Prelude = """
        using System;
        using System.Collections.Generic;
        using System.Diagnostics;
        using System.IO;
        using System.Linq;
        using System.Net;
        using System.Net.Http;
        using System.Net.Sockets;
        using System.Security.Cryptography;
        using System.Threading;
        using System.Threading.Tasks;
        using Amazon.S3;
        using Azure.Storage.Blobs;
        using Microsoft.Azure.Cosmos;
        using Microsoft.Data.Sqlite;
        using Microsoft.DurableTask;

        namespace Azure.Storage.Blobs
        {
            public class BlobClient
            {
                public Task UploadAsync(string content) => Task.CompletedTask;
            }

            public class BlockBlobClient
            {
                public Task UploadAsync(string content) => Task.CompletedTask;
            }
        }

        namespace Amazon.S3
        {
            public class AmazonS3Client
            {
                public Task PutObjectAsync(string key) => Task.CompletedTask;
            }
        }

        namespace Microsoft.Azure.Cosmos
        {
            public class CosmosClient
            {
                public CosmosClient(string connectionString) { }
            }
        }

        namespace Microsoft.Data.Sqlite
        {
            public class SqliteConnection
            {
                public SqliteConnection(string connectionString) { }

                public void Open() { }
            }
        }

        namespace Samples
        {
            public static class Shared
            {
                public static int Counter;
                public static readonly int Fixed = 1;
                public const int Constant = 2;
            }

            public sealed class FixedClock : TimeProvider
            {
                public override DateTimeOffset GetUtcNow() => DateTimeOffset.UnixEpoch;
            }
        }

        """;

    private const string Fields = """
                private readonly HttpClient http;
                private readonly TimeProvider clock;
                private readonly BlobClient blobs;
                private readonly AmazonS3Client s3;
                private readonly BlockBlobClient block;

        """;

    /// <summary>The body as the run method of an orchestrator that derives from <c>TaskOrchestrator&lt;string, string&gt;</c>.</summary>
    public static string InWorkflow(string body) => Prelude + """
        namespace Samples
        {
            public sealed class SampleWorkflow : TaskOrchestrator<string, string>
            {
        """ + Fields + """
                public SampleWorkflow(HttpClient http, TimeProvider clock, BlobClient blobs, AmazonS3Client s3, BlockBlobClient block)
                {
                    this.http = http;
                    this.clock = clock;
                    this.blobs = blobs;
                    this.s3 = s3;
                    this.block = block;
                }

                public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
                {
        """ + body + """

                    await context.CallActivityAsync("Done");
                    return input;
                }
            }
        }
        """;

    /// <summary>The same body in a class that is not a workflow.</summary>
    public static string InPlainClass(string body) => Prelude + """
        namespace Samples
        {
            public sealed class SampleService
            {
        """ + Fields + """
                public SampleService(HttpClient http, TimeProvider clock, BlobClient blobs, AmazonS3Client s3, BlockBlobClient block)
                {
                    this.http = http;
                    this.clock = clock;
                    this.blobs = blobs;
                    this.s3 = s3;
                    this.block = block;
                }

                public async Task<string> RunAsync(TaskOrchestrationContext context, string input)
                {
        """ + body + """

                    await context.CallActivityAsync("Done");
                    return input;
                }
            }
        }
        """;

    /// <summary>
    /// The expression as the initializer of a field of an orchestrator, code the SDK's analyzers never inspect
    /// (they follow only the methods invoked from the orchestrator's run method).
    /// </summary>
    public static string InWorkflowFieldInitializer(string type, string expression) => Prelude + """
        namespace Samples
        {
            public sealed class SampleWorkflow : TaskOrchestrator<string, string>
            {
                private readonly
        """ + " " + type + " value = " + expression + ";" + """

                public override Task<string> RunAsync(TaskOrchestrationContext context, string input)
                    => Task.FromResult(input + value);
            }
        }
        """;

    /// <summary>The expression as the body of a property of an orchestrator, also never inspected by the SDK.</summary>
    public static string InWorkflowProperty(string type, string expression) => Prelude + """
        namespace Samples
        {
            public sealed class SampleWorkflow : TaskOrchestrator<string, string>
            {
                private static
        """ + " " + type + " Value => " + expression + ";" + """

                public override Task<string> RunAsync(TaskOrchestrationContext context, string input)
                    => Task.FromResult(input + Value);
            }
        }
        """;
}
