using Pipeline.Deployment.Tests.Arm;

namespace Pipeline.Deployment.Tests;

/// <summary>
/// Compiles infra/bicep/main.bicep once for all tests (<c>bicep build --stdout</c>) and fails every test with the
/// tool's output when the build reports any warning or error.
/// </summary>
public sealed class BicepTemplateFixture
{
    public const string MainTemplate = "main.bicep";
    public const string ParametersFile = "main.bicepparam";

    public BicepTemplateFixture()
    {
        Build = BicepCli.Run("build", MainTemplate, "--stdout").EnsureClean();
        Template = ArmTemplate.Parse(Build.StandardOutput);
    }

    public BicepResult Build { get; }

    public ArmTemplate Template { get; }
}

[CollectionDefinition(Name)]
public sealed class BicepTemplateCollection : ICollectionFixture<BicepTemplateFixture>
{
    public const string Name = "Compiled Bicep template";
}
