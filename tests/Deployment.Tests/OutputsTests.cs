using Pipeline.Deployment.Tests.Arm;

namespace Pipeline.Deployment.Tests;

[Collection(BicepTemplateCollection.Name)]
public sealed class OutputsTests(BicepTemplateFixture fixture)
{
    private ArmTemplate Template => fixture.Template;

    [Fact]
    public void Outputs_MainTemplate_NameTheAppItsHostStorageAndCosmosEndpoint()
    {
        var site = Template.FunctionApp();
        var storage = Template.One(Resources.StorageAccount);
        var cosmos = Template.One(Resources.CosmosAccount);

        Assert.Equal(site.Name, Template.Root.Output("functionAppName"));
        Assert.Equal(new ArmValue.Symbol($"reference({site.Id}).defaultHostName"), Template.Root.Output("defaultHostName"));
        Assert.Equal(storage.Name, Template.Root.Output("storageAccountName"));
        Assert.Equal(new ArmValue.Symbol($"reference({cosmos.Id}).documentEndpoint"), Template.Root.Output("cosmosEndpoint"));
    }
}
