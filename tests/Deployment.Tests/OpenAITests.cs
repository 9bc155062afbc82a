using System.Text.Json;
using Pipeline.Deployment.Tests.Arm;

namespace Pipeline.Deployment.Tests;

public sealed class OpenAITests(OpenAITemplatesFixture fixture) : IClassFixture<OpenAITemplatesFixture>
{
    private const string MediaSettingsPrefix = "Pipeline__Media__";

    public static TheoryData<string, string> Generators => new()
    {
        { "Images", "openAIImagesDeployment" },
        { "Speech", "openAISpeechDeployment" },
        { "Prompts", "openAIPromptsDeployment" },
    };

    private ArmTemplate Off => fixture.Off.Template;

    private ArmTemplate On => fixture.On.Template;

    [Fact]
    public void DeployOpenAI_DefaultAndMainParametersFile_AreOff()
    {
        var parameter = Off.Root.Template.GetProperty("parameters").GetProperty("deployOpenAI");

        Assert.Equal("bool", parameter.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.False, parameter.GetProperty("defaultValue").ValueKind);
        Assert.Equal(JsonValueKind.False, fixture.Off.Parameters["deployOpenAI"].ValueKind);
        Assert.Equal(JsonValueKind.True, fixture.On.Parameters["deployOpenAI"].ValueKind);
    }

    [Fact]
    public void Template_OpenAIOff_DeploysNoCognitiveServicesResourceOrRole()
    {
        Assert.DoesNotContain(Off.Resources, r => r.Type.StartsWith("Microsoft.CognitiveServices/", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(Off.RoleAssignmentsOf(Resources.CognitiveServicesOpenAIUser));
        Assert.DoesNotContain(Off.Resources, r => r.Name.AsText == "openAI");
    }

    [Fact]
    public void AppSettings_OpenAIOff_SetNoGeneratorSettings()
    {
        var settings = Off.AppSettings();

        Assert.DoesNotContain(settings.Keys, n => n.StartsWith(MediaSettingsPrefix, StringComparison.OrdinalIgnoreCase));
        // The rest of the app's settings are all there.
        Assert.Equal(new ArmValue.Text("Cosmos"), settings["Pipeline__Jobs__Provider"]);
    }

    [Fact]
    public void Output_OpenAIOff_EndpointIsEmpty()
    {
        Assert.Equal(new ArmValue.Text(string.Empty), Off.Root.Output("openAIEndpoint"));
    }

    [Fact]
    public void Account_OpenAIOn_IsAnOpenAIAccountThatAcceptsEntraIdOnly()
    {
        var account = On.One(Resources.CognitiveServicesAccount);

        Assert.Equal("OpenAI", account.Get("kind").AsText);
        Assert.Equal("S0", account.Get("sku", "name").AsText);
        Assert.Equal(new ArmValue.Boolean(true), account.Get("properties", "disableLocalAuth"));
        // Entra ID tokens need the custom subdomain; it is the account's (globally unique) name.
        Assert.Equal(account.Name, account.Get("properties", "customSubDomainName"));
        // Reachable as the other data services are: public endpoint, identity-only access.
        Assert.Equal(On.One(Resources.CosmosAccount).Get("properties", "publicNetworkAccess"), account.Get("properties", "publicNetworkAccess"));
        Assert.Equal("Allow", account.Get("properties", "networkAcls", "defaultAction").AsText);
    }

    [Fact]
    public void Deployments_OpenAIOn_DeployEveryEntryOfTheParameterOneAtATime()
    {
        var account = On.One(Resources.CognitiveServicesAccount);
        var expected = fixture.On.Parameters["openAIDeployments"].EnumerateArray().ToList();

        var deployments = On.OfType(Resources.CognitiveServicesDeployment);

        Assert.Equal(expected.Count, deployments.Count);
        foreach (var (deployment, entry) in deployments.Zip(expected))
        {
            Assert.Equal(
                new ArmValue.Symbol($"format('{{0}}/{{1}}', {account.Name.Canonical}, '{entry.GetProperty("name").GetString()}')"),
                deployment.Name);
            Assert.Equal("OpenAI", deployment.Get("properties", "model", "format").AsText);
            Assert.Equal(entry.GetProperty("model").GetString(), deployment.Get("properties", "model", "name").AsText);
            Assert.Equal(entry.GetProperty("version").GetString(), deployment.Get("properties", "model", "version").AsText);
            Assert.Equal(entry.GetProperty("skuName").GetString(), deployment.Get("sku", "name").AsText);
            Assert.Equal(new ArmValue.Number(entry.GetProperty("capacity").GetInt64()), deployment.Get("sku", "capacity"));
            Assert.Equal("serial", deployment.Get("copy", "mode").AsText);
            Assert.Equal(new ArmValue.Number(1), deployment.Get("copy", "batchSize"));
        }
    }

    [Fact]
    public void Deployments_Defaults_AreAnImageASpeechAndAChatModel()
    {
        var models = fixture.On.Parameters["openAIDeployments"].EnumerateArray()
            .ToDictionary(d => d.GetProperty("name").GetString()!, d => d.GetProperty("model").GetString()!, StringComparer.Ordinal);

        Assert.Equal("gpt-image-1", models["images"]);
        Assert.Equal("gpt-4o-mini-tts", models["speech"]);
        Assert.Equal("gpt-4.1-mini", models["prompts"]);
    }

    [Fact]
    public void Deployments_OverriddenParameter_DeploysExactlyTheGivenModels()
    {
        var template = fixture.On.With(
            "openAIDeployments",
            new[] { new { name = "chat", model = "gpt-4o", version = "2024-11-20", skuName = "Standard", capacity = 10 } });

        var deployment = Assert.Single(template.OfType(Resources.CognitiveServicesDeployment));

        Assert.EndsWith(", 'chat')", deployment.Name.Canonical, StringComparison.Ordinal);
        Assert.Equal("gpt-4o", deployment.Get("properties", "model", "name").AsText);
        Assert.Equal("Standard", deployment.Get("sku", "name").AsText);
        Assert.Equal(new ArmValue.Number(10), deployment.Get("sku", "capacity"));
    }

    [Fact]
    public void RoleAssignment_OpenAIOn_GrantsOpenAIUserToTheAppIdentityOnTheAccountOnly()
    {
        var account = On.One(Resources.CognitiveServicesAccount);

        var assignment = Assert.Single(On.RoleAssignmentsOf(Resources.CognitiveServicesOpenAIUser));

        Assert.Equal(account.Id, assignment.Get("scope").Canonical);
        Assert.Equal(On.PrincipalId(), assignment.Get("properties", "principalId"));
        Assert.Equal("ServicePrincipal", assignment.Get("properties", "principalType").AsText);
    }

    [Fact]
    public void RoleAssignments_OpenAIOn_AddNothingButOpenAIUser()
    {
        var roles = On.OfType(Resources.RoleAssignment).Select(r => r.Get("properties", "roleDefinitionId").Canonical).ToList();
        var without = Off.OfType(Resources.RoleAssignment).Select(r => r.Get("properties", "roleDefinitionId").Canonical);

        Assert.Equal(
            without.Append($"subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '{Resources.CognitiveServicesOpenAIUser}')")
                .Order(StringComparer.Ordinal),
            roles.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Generators))]
    public void AppSettings_OpenAIOn_PointTheGeneratorAtTheAccountAndItsDeployment(string generator, string deploymentParameter)
    {
        var account = On.One(Resources.CognitiveServicesAccount);
        var settings = On.AppSettings();
        var deployment = fixture.On.Parameters[deploymentParameter].GetString()!;

        Assert.Equal(new ArmValue.Text("AzureOpenAI"), settings[$"Pipeline__Media__{generator}__Provider"]);
        Assert.Equal(new ArmValue.Symbol($"reference({account.Id}).endpoint"), settings[$"Pipeline__Media__{generator}__Endpoint"]);
        Assert.Equal(new ArmValue.Text(deployment), settings[$"Pipeline__Media__{generator}__Deployment"]);
        // The deployment it names is one the account gets.
        Assert.Contains(
            On.OfType(Resources.CognitiveServicesDeployment),
            d => d.Name.Canonical.EndsWith($", '{deployment}')", StringComparison.Ordinal));
    }

    [Fact]
    public void AppSettings_OpenAIOn_AreOnlyProviderEndpointAndDeploymentOfTheThreeGenerators()
    {
        var media = On.AppSettings().Keys.Where(n => n.StartsWith(MediaSettingsPrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal);

        var expected = new[] { "Images", "Speech", "Prompts" }
            .SelectMany(g => new[] { "Provider", "Endpoint", "Deployment" }.Select(s => $"{MediaSettingsPrefix}{g}__{s}"))
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, media);
    }

    [Theory]
    [MemberData(nameof(Generators))]
    public void AppSettings_EmptyDeploymentName_LeavesThatGeneratorLocal(string generator, string deploymentParameter)
    {
        var settings = fixture.On.With(deploymentParameter, string.Empty).AppSettings();

        Assert.DoesNotContain(settings.Keys, n => n.StartsWith($"{MediaSettingsPrefix}{generator}__", StringComparison.Ordinal));
        var others = Generators.Select(row => (string)row[0]).Where(g => g != generator);
        Assert.All(others, g => Assert.Equal(new ArmValue.Text("AzureOpenAI"), settings[$"{MediaSettingsPrefix}{g}__Provider"]));
    }

    [Fact]
    public void AppSettings_OpenAIOn_CarryNoKeys()
    {
        var settings = On.AppSettings();

        Assert.DoesNotContain(settings.Keys, n => n.EndsWith("Key", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(
            Deployment.Strings(On.Document.RootElement),
            s => s.Contains("listKeys(", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Output_OpenAIOn_IsTheAccountEndpoint()
    {
        var account = On.One(Resources.CognitiveServicesAccount);

        Assert.Equal(new ArmValue.Symbol($"reference({account.Id}).endpoint"), On.Root.Output("openAIEndpoint"));
    }

    [Fact]
    public void FunctionApp_OpenAIOn_IsDeployedAfterTheOpenAIModule()
    {
        // The app's first start may call the models: the account, its deployments and the role exist by then.
        var functionApp = On.Root.Resources.Single(r => r.GetProperty("name").GetString() == "functionApp");

        var dependsOn = functionApp.GetProperty("dependsOn").EnumerateArray().Select(d => d.GetString());

        Assert.Contains("[resourceId('Microsoft.Resources/deployments', 'openAI')]", dependsOn);
    }

    [Fact]
    public void Lint_OpenAIParametersFile_ReportsNoWarningsOrErrors()
    {
        Assert.True(fixture.On.Build.IsClean, fixture.On.Build.Describe());

        var lint = BicepCli.Run("lint", OpenAITemplatesFixture.OnParametersFile);

        Assert.True(lint.IsClean, lint.Describe());
    }
}
