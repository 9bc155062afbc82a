using System.Text.Json;
using Pipeline.Deployment.Tests.Arm;

namespace Pipeline.Deployment.Tests;

/// <summary>
/// Compiles infra/bicep/main.bicep once for all tests (<c>bicep build --stdout</c>) and fails every test with the
/// tool's output when the build reports any warning or error. The switches (bool parameters, such as deployOpenAI)
/// take their defaults, so the template shows what a deployment with the defaults creates; every other parameter stays
/// a symbol (<c>parameters('name')</c>), so tests can see which setting comes from which parameter.
/// </summary>
public sealed class BicepTemplateFixture
{
    public const string MainTemplate = "main.bicep";
    public const string ParametersFile = "main.bicepparam";

    public BicepTemplateFixture()
    {
        Build = BicepCli.Run("build", MainTemplate, "--stdout").EnsureClean();
        Template = ArmTemplate.Parse(Build.StandardOutput, DefaultSwitches(Build.StandardOutput));
    }

    public BicepResult Build { get; }

    public ArmTemplate Template { get; }

    private static Dictionary<string, JsonElement> DefaultSwitches(string templateJson)
    {
        using var template = JsonDocument.Parse(templateJson);
        return template.RootElement.GetProperty("parameters").EnumerateObject()
            .Where(p => p.Value.GetProperty("type").GetString() == "bool" && p.Value.TryGetProperty("defaultValue", out _))
            .ToDictionary(p => p.Name, p => p.Value.GetProperty("defaultValue").Clone(), StringComparer.OrdinalIgnoreCase);
    }
}

[CollectionDefinition(Name)]
public sealed class BicepTemplateCollection : ICollectionFixture<BicepTemplateFixture>
{
    public const string Name = "Compiled Bicep template";
}
