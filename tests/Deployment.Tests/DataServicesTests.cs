using Pipeline.Deployment.Tests.Arm;

namespace Pipeline.Deployment.Tests;

[Collection(BicepTemplateCollection.Name)]
public sealed class DataServicesTests(BicepTemplateFixture fixture)
{
    private ArmTemplate Template => fixture.Template;

    [Fact]
    public void StorageAccount_Access_DisablesSharedKeyAndPublicBlobAccess()
    {
        var account = Template.One(Resources.StorageAccount);

        Assert.Equal(new ArmValue.Boolean(false), account.Get("properties", "allowSharedKeyAccess"));
        Assert.Equal(new ArmValue.Boolean(false), account.Get("properties", "allowBlobPublicAccess"));
        Assert.Equal("TLS1_2", account.Get("properties", "minimumTlsVersion").AsText);
        Assert.Equal(new ArmValue.Boolean(true), account.Get("properties", "supportsHttpsTrafficOnly"));
    }

    [Fact]
    public void BlobContainers_StorageAccount_HoldDeploymentPackagesAndPrivateAssets()
    {
        var containers = Template.OfType(Resources.BlobContainer);

        Assert.Equal(2, containers.Count);
        var assets = Assert.Single(containers, c => c.Name.Canonical.EndsWith("'pipeline-assets')", StringComparison.Ordinal));
        Assert.All(containers, c => Assert.Equal("None", c.Get("properties", "publicAccess").AsText));
        Assert.Equal("pipeline-assets", Template.AppSettings()["Pipeline__Storage__AzureBlob__ContainerName"].AsText);
        Assert.NotNull(assets);
    }

    [Fact]
    public void LifecycleRule_AssetsContainer_DeletesJobsAndPayloadsBlobsAfterRetentionDays()
    {
        var policy = Template.One(Resources.ManagementPolicy);
        var rule = new[] { "properties", "policy", "rules", "0", "definition" };

        var prefixes = policy.Array([.. rule, "filters", "prefixMatch"]).Select(p => p.AsText);

        Assert.Equal(new[] { "pipeline-assets/jobs/", "pipeline-assets/payloads/" }, prefixes.Order(StringComparer.Ordinal));
        Assert.Equal(
            new ArmValue.Symbol("parameters('blobRetentionDays')"),
            policy.Get([.. rule, "actions", "baseBlob", "delete", "daysAfterModificationGreaterThan"]));
        Assert.Single(policy.Array("properties", "policy", "rules"));
    }

    [Fact]
    public void CosmosAccount_Authentication_DisablesLocalAuthAndIsServerless()
    {
        var account = Template.One(Resources.CosmosAccount);

        Assert.Equal(new ArmValue.Boolean(true), account.Get("properties", "disableLocalAuth"));
        var capabilities = account.Array("properties", "capabilities").Cast<ArmValue.Json>()
            .Select(c => c.Element.GetProperty("name").GetString());
        Assert.Contains("EnableServerless", capabilities);
    }

    [Fact]
    public void CosmosContainer_Jobs_IsPartitionedByIdInDatabasePipeline()
    {
        var database = Template.One(Resources.CosmosDatabase);
        var container = Template.One(Resources.CosmosContainer);

        Assert.Equal("pipeline", database.Get("properties", "resource", "id").AsText);
        Assert.Equal("jobs", container.Get("properties", "resource", "id").AsText);
        var paths = container.Array("properties", "resource", "partitionKey", "paths");
        Assert.Equal(new ArmValue.Text("/id"), Assert.Single(paths));
    }
}
