using System.Text.RegularExpressions;
using Pipeline.Deployment.Tests.Arm;

namespace Pipeline.Deployment.Tests;

[Collection(BicepTemplateCollection.Name)]
public sealed class FunctionAppTests(BicepTemplateFixture fixture)
{
    private ArmTemplate Template => fixture.Template;

    [Fact]
    public void Plan_Sku_IsFlexConsumptionOnLinux()
    {
        var plan = Template.One(Resources.Plan);

        Assert.Equal("FC1", plan.Get("sku", "name").AsText);
        Assert.Equal("FlexConsumption", plan.Get("sku", "tier").AsText);
        Assert.Equal(new ArmValue.Boolean(true), plan.Get("properties", "reserved"));
        Assert.Equal(plan.Id, Template.FunctionApp().Get("properties", "serverFarmId").Canonical);
    }

    [Fact]
    public void FunctionApp_Config_RunsDotnetIsolated10OnLinuxWithScaleSettings()
    {
        var site = Template.FunctionApp();
        var config = new[] { "properties", "functionAppConfig" };

        Assert.Equal("functionapp,linux", site.Get("kind").AsText);
        Assert.Equal("dotnet-isolated", site.Get([.. config, "runtime", "name"]).AsText);
        Assert.Equal("10.0", site.Get([.. config, "runtime", "version"]).AsText);
        Assert.Equal(new ArmValue.Symbol("parameters('maximumInstanceCount')"), site.Get([.. config, "scaleAndConcurrency", "maximumInstanceCount"]));
        Assert.Equal(new ArmValue.Symbol("parameters('instanceMemoryMB')"), site.Get([.. config, "scaleAndConcurrency", "instanceMemoryMB"]));
        Assert.Equal(new ArmValue.Boolean(true), site.Get("properties", "httpsOnly"));
    }

    [Fact]
    public void FunctionApp_DeploymentStorage_IsABlobContainerOfTheStorageAccount()
    {
        var storage = new[] { "properties", "functionAppConfig", "deployment", "storage" };
        var site = Template.FunctionApp();
        var containers = Template.OfType(Resources.BlobContainer)
            .Select(c => Regex.Match(c.Name.Canonical, @"'([^']+)'\)$").Groups[1].Value)
            .ToList();

        Assert.Equal("blobContainer", site.Get([.. storage, "type"]).AsText);
        var url = site.Get([.. storage, "value"]).Canonical;
        Assert.StartsWith("format('{0}{1}', reference(resourceId('Microsoft.Storage/storageAccounts', ", url, StringComparison.Ordinal);
        Assert.Contains(containers, c => url.EndsWith($").primaryEndpoints.blob, '{c}')", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Pipeline__Storage__Provider", "AzureBlob")]
    [InlineData("Pipeline__Storage__AzureBlob__ContainerName", "pipeline-assets")]
    [InlineData("Pipeline__Jobs__Provider", "Cosmos")]
    [InlineData("Pipeline__Jobs__Cosmos__Database", "pipeline")]
    [InlineData("Pipeline__Jobs__Cosmos__Container", "jobs")]
    [InlineData("Pipeline__Jobs__Cosmos__CreateIfMissing", "false")]
    [InlineData("AzureWebJobsStorage__credential", "managedidentity")]
    public void AppSettings_PlainSetting_HasTheExpectedValue(string name, string value)
    {
        var settings = Template.AppSettings();

        Assert.True(settings.ContainsKey(name), $"App setting {name} is missing.");
        Assert.Equal(new ArmValue.Text(value), settings[name]);
    }

    [Fact]
    public void AppSettings_ResourceEndpoints_PointAtTheDeployedResources()
    {
        var settings = Template.AppSettings();
        var storage = Template.One(Resources.StorageAccount);
        var cosmos = Template.One(Resources.CosmosAccount);

        Assert.Equal(new ArmValue.Symbol($"reference({storage.Id}).primaryEndpoints.blob"), settings["Pipeline__Storage__AzureBlob__ServiceUri"]);
        Assert.Equal(new ArmValue.Symbol($"reference({cosmos.Id}).documentEndpoint"), settings["Pipeline__Jobs__Cosmos__Endpoint"]);
        Assert.Equal(storage.Name, settings["AzureWebJobsStorage__accountName"]);
    }

    [Fact]
    public void AppSettings_TaskHub_ComesFromTheTaskHubParameter()
    {
        var settings = Template.AppSettings();

        Assert.Equal(new ArmValue.Symbol("parameters('taskHubName')"), settings["TaskHubName"]);
    }

    [Fact]
    public void AppSettings_Flex_OmitSettingsThePlanRejects()
    {
        // On Flex Consumption the runtime comes from functionAppConfig; these settings make the deployment fail.
        var rejected = new[] { "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "WEBSITE_CONTENTSHARE" };

        Assert.Empty(Template.AppSettings().Keys.Intersect(rejected));
    }
}
