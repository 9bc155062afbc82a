using System.Text.Json;
using Pipeline.Deployment.Tests.Arm;

namespace Pipeline.Deployment.Tests;

/// <summary>
/// main.bicep as one parameters file deploys it: <c>bicep build-params FILE --stdout</c> compiles the template and
/// the file together, and every root parameter takes the file's value or its default, as in a deployment.
/// </summary>
public sealed class DeploymentCase
{
    private readonly string _templateJson;

    public DeploymentCase(string parametersFile)
    {
        ParametersFile = parametersFile;
        Build = BicepCli.Run("build-params", parametersFile, "--stdout").EnsureClean();
        using var output = JsonDocument.Parse(Build.StandardOutput);
        _templateJson = output.RootElement.GetProperty("templateJson").GetString()!;
        Parameters = ArmTemplate.DeploymentParameters(_templateJson, output.RootElement.GetProperty("parametersJson").GetString()!);
        Template = ArmTemplate.Parse(_templateJson, Parameters);
    }

    public string ParametersFile { get; }

    public BicepResult Build { get; }

    public IReadOnlyDictionary<string, JsonElement> Parameters { get; }

    public ArmTemplate Template { get; }

    /// <summary>The same deployment with one parameter overridden (as <c>--parameters name=value</c> would).</summary>
    public ArmTemplate With(string name, object value)
    {
        var parameters = new Dictionary<string, JsonElement>(Parameters, StringComparer.OrdinalIgnoreCase)
        {
            [name] = JsonSerializer.SerializeToElement(value),
        };
        return ArmTemplate.Parse(_templateJson, parameters);
    }

    public override string ToString() => ParametersFile;
}
