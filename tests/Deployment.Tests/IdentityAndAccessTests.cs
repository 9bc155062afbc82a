using Pipeline.Deployment.Tests.Arm;

namespace Pipeline.Deployment.Tests;

[Collection(BicepTemplateCollection.Name)]
public sealed class IdentityAndAccessTests(BicepTemplateFixture fixture)
{
    private ArmTemplate Template => fixture.Template;

    [Fact]
    public void Identity_Template_DeclaresOneUserAssignedIdentity()
    {
        var identity = Template.Identity();

        Assert.Equal("main", identity.Scope.Path);
    }

    [Fact]
    public void FunctionApp_Identity_RunsAsTheUserAssignedIdentityOnly()
    {
        var site = Template.FunctionApp();

        Assert.Equal("UserAssigned", site.Get("identity", "type").AsText);
        var identities = site.Keys("identity", "userAssignedIdentities");
        Assert.Equal(Template.Identity().Id, Assert.Single(identities).Canonical);
    }

    [Fact]
    public void FunctionApp_DeploymentStorage_AuthenticatesWithTheIdentity()
    {
        var storage = new[] { "properties", "functionAppConfig", "deployment", "storage" };
        var site = Template.FunctionApp();

        Assert.Equal("UserAssignedIdentity", site.Get([.. storage, "authentication", "type"]).AsText);
        Assert.Equal(Template.Identity().Id, site.Get([.. storage, "authentication", "userAssignedIdentityResourceId"]).Canonical);
    }

    [Fact]
    public void AppSettings_ClientIds_NameTheIdentity()
    {
        var settings = Template.AppSettings();
        var clientId = Template.ClientId();

        Assert.Equal(clientId, settings["AZURE_CLIENT_ID"]);
        Assert.Equal(clientId, settings["AzureWebJobsStorage__clientId"]);
        Assert.Equal(clientId, settings["Pipeline__Storage__AzureBlob__ManagedIdentityClientId"]);
        Assert.Equal(
            new ArmValue.Symbol($"format('Authorization=AAD;ClientId={{0}}', {clientId.Canonical})"),
            settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
    }

    [Theory]
    [InlineData(Resources.StorageBlobDataOwner, "Storage Blob Data Owner")]
    [InlineData(Resources.StorageQueueDataContributor, "Storage Queue Data Contributor")]
    [InlineData(Resources.StorageTableDataContributor, "Storage Table Data Contributor")]
    public void RoleAssignment_StorageRole_GrantedToIdentityOnStorageAccount(string roleDefinitionGuid, string role)
    {
        var storageAccount = Template.One(Resources.StorageAccount);

        var assignment = Assert.Single(Template.RoleAssignmentsOf(roleDefinitionGuid));

        Assert.True(assignment.Get("scope").Canonical == storageAccount.Id, $"{role} is assigned on {assignment.Get("scope")}.");
        Assert.Equal(Template.PrincipalId(), assignment.Get("properties", "principalId"));
        Assert.Equal("ServicePrincipal", assignment.Get("properties", "principalType").AsText);
    }

    [Fact]
    public void RoleAssignment_MonitoringMetricsPublisher_GrantedToIdentityOnAppInsights()
    {
        var appInsights = Template.One(Resources.AppInsights);

        var assignment = Assert.Single(Template.RoleAssignmentsOf(Resources.MonitoringMetricsPublisher));

        Assert.Equal(appInsights.Id, assignment.Get("scope").Canonical);
        Assert.Equal(Template.PrincipalId(), assignment.Get("properties", "principalId"));
    }

    [Fact]
    public void CosmosRoleAssignment_BuiltInDataContributor_GrantedToIdentityOnAccount()
    {
        var account = Template.One(Resources.CosmosAccount);

        var assignment = Template.One(Resources.CosmosRoleAssignment);

        Assert.Equal(Template.PrincipalId(), assignment.Get("properties", "principalId"));
        Assert.Equal(account.Id, assignment.Get("properties", "scope").Canonical);
        var roleDefinition = assignment.Get("properties", "roleDefinitionId").Canonical;
        Assert.Contains(
            roleDefinition,
            new[]
            {
                $"format('{{0}}/sqlRoleDefinitions/{{1}}', {account.Id}, '{Resources.CosmosDataContributor}')",
                $"resourceId('{Resources.CosmosAccount}/sqlRoleDefinitions', {account.Name.Canonical}, '{Resources.CosmosDataContributor}')",
            });
    }

    [Fact]
    public void RoleAssignments_Template_GrantNothingBeyondTheRequiredRoles()
    {
        var expected = new[]
        {
            Resources.StorageBlobDataOwner,
            Resources.StorageQueueDataContributor,
            Resources.StorageTableDataContributor,
            Resources.MonitoringMetricsPublisher,
        }.Select(g => $"subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '{g}')");

        var granted = Template.OfType(Resources.RoleAssignment).Select(r => r.Get("properties", "roleDefinitionId").Canonical);

        Assert.Equal(expected.Order(StringComparer.Ordinal), granted.Order(StringComparer.Ordinal));
    }
}
