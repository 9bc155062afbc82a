using System.Text.Json;

namespace Pipeline.Deployment.Tests;

[Collection(BicepTemplateCollection.Name)]
public sealed class BicepToolTests(BicepTemplateFixture fixture)
{
    [Fact]
    public void Build_MainTemplate_CompilesWithoutDiagnostics()
    {
        Assert.True(fixture.Build.IsClean, fixture.Build.Describe());
        Assert.NotEmpty(fixture.Template.Resources);
    }

    [Fact]
    public void Lint_MainTemplate_ReportsNoWarningsOrErrors()
    {
        var lint = BicepCli.Run("lint", BicepTemplateFixture.MainTemplate);

        Assert.True(lint.IsClean, lint.Describe());
    }

    [Fact]
    public void BuildParams_ParametersFile_SetsOnlyDeclaredParametersAndEveryRequiredOne()
    {
        var build = BicepCli.Run("build-params", BicepTemplateFixture.ParametersFile, "--stdout");
        Assert.True(build.IsClean, build.Describe());

        using var output = JsonDocument.Parse(build.StandardOutput);
        using var parameters = JsonDocument.Parse(output.RootElement.GetProperty("parametersJson").GetString()!);
        var given = parameters.RootElement.GetProperty("parameters").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var declared = fixture.Template.Root.Template.GetProperty("parameters").EnumerateObject().ToList();

        Assert.Empty(given.Except(declared.Select(p => p.Name)));
        var required = declared.Where(p => !p.Value.TryGetProperty("defaultValue", out _)).Select(p => p.Name);
        Assert.Empty(required.Except(given));
    }

    [Fact]
    public void Lint_ParametersFile_ReportsNoWarningsOrErrors()
    {
        var lint = BicepCli.Run("lint", BicepTemplateFixture.ParametersFile);

        Assert.True(lint.IsClean, lint.Describe());
    }
}
