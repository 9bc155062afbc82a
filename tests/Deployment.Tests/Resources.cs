namespace Pipeline.Deployment.Tests;

/// <summary>Resource types and built-in role definition ids the templates must use.</summary>
public static class Resources
{
    public const string Identity = "Microsoft.ManagedIdentity/userAssignedIdentities";
    public const string Site = "Microsoft.Web/sites";
    public const string Plan = "Microsoft.Web/serverfarms";
    public const string StorageAccount = "Microsoft.Storage/storageAccounts";
    public const string BlobContainer = "Microsoft.Storage/storageAccounts/blobServices/containers";
    public const string ManagementPolicy = "Microsoft.Storage/storageAccounts/managementPolicies";
    public const string CosmosAccount = "Microsoft.DocumentDB/databaseAccounts";
    public const string CosmosDatabase = "Microsoft.DocumentDB/databaseAccounts/sqlDatabases";
    public const string CosmosContainer = "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers";
    public const string CosmosRoleAssignment = "Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments";
    public const string RoleAssignment = "Microsoft.Authorization/roleAssignments";
    public const string Workspace = "Microsoft.OperationalInsights/workspaces";
    public const string AppInsights = "Microsoft.Insights/components";
    public const string ScheduledQueryRule = "Microsoft.Insights/scheduledQueryRules";
    public const string CognitiveServicesAccount = "Microsoft.CognitiveServices/accounts";
    public const string CognitiveServicesDeployment = "Microsoft.CognitiveServices/accounts/deployments";

    public const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    public const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    public const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    public const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    public const string CosmosDataContributor = "00000000-0000-0000-0000-000000000002";
    public const string CognitiveServicesOpenAIUser = "5e0bd9bd-7b93-4f28-af87-19fc36ad61bd";
}
