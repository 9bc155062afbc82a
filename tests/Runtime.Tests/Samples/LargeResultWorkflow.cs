using System.Security.Cryptography;
using System.Text;
using Pipeline.Domain.Durable;

namespace Pipeline.Runtime.Tests.Samples;

/// <summary>Calls <see cref="LargeResultActivity"/> and returns what it saw: length and SHA-256 of the value.</summary>
internal sealed class LargeResultWorkflow : Workflow<int, string>
{
    public override async Task<string> RunAsync(IOrchestrationContext context, int sizeBytes)
    {
        var value = await context.CallActivityAsync<string>(nameof(LargeResultActivity), sizeBytes);
        return $"{value.Length}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))}";
    }
}
