// The Flex Consumption plan and the function app (.NET 10 isolated worker) running as the user-assigned identity.
// Every connection is identity-based: no account key, connection string with a key, or Cosmos DB key is set.

@description('Azure region of the resources.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Name of the Flex Consumption plan.')
param planName string

@description('Name of the function app (globally unique host name).')
param appName string

@description('Name of the user-assigned managed identity the app runs as.')
param identityName string

@description('Name of the storage account for AzureWebJobsStorage and the Durable task hub.')
param storageAccountName string

@description('URL of the blob container that holds the deployment packages.')
param deploymentContainerUrl string

@description('Container of job assets and offloaded payloads.')
param assetsContainerName string

@description('Name of the Application Insights component.')
param appInsightsName string

@description('Cosmos DB account endpoint of the job records.')
param cosmosEndpoint string

@description('Cosmos DB database of the job records.')
param cosmosDatabaseName string

@description('Cosmos DB container of the job records.')
param cosmosContainerName string

@description('Durable Functions task hub name (host.json refers to it as %TaskHubName%).')
param taskHubName string

@description('Upper bound of instances the plan scales the app out to.')
param maximumInstanceCount int

@description('Memory of each instance, in MB.')
param instanceMemoryMB int

@description('Settings of the hosted generators (Pipeline__Media__*: name and value pairs); empty: the Local generators.')
param mediaProviderSettings array = []

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

var appSettings = [
  // Functions host storage and the Durable task hub (Azure Storage backend) through the managed identity.
  {
    name: 'AzureWebJobsStorage__accountName'
    value: storage.name
  }
  {
    name: 'AzureWebJobsStorage__credential'
    value: 'managedidentity'
  }
  {
    name: 'AzureWebJobsStorage__clientId'
    value: identity.properties.clientId
  }
  {
    name: 'TaskHubName'
    value: taskHubName
  }

  // Telemetry: the connection string names the component and its ingestion endpoint (it carries no secret); the
  // authentication string makes the SDK sign in with the identity, as the component refuses instrumentation keys.
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
    value: appInsights.properties.ConnectionString
  }
  {
    name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
    value: 'Authorization=AAD;ClientId=${identity.properties.clientId}'
  }

  // DefaultAzureCredential picks the user-assigned identity by this client id.
  {
    name: 'AZURE_CLIENT_ID'
    value: identity.properties.clientId
  }

  // Pipeline: assets and payloads in Azure Blob storage.
  {
    name: 'Pipeline__Storage__Provider'
    value: 'AzureBlob'
  }
  {
    name: 'Pipeline__Storage__AzureBlob__ServiceUri'
    value: storage.properties.primaryEndpoints.blob
  }
  {
    name: 'Pipeline__Storage__AzureBlob__ContainerName'
    value: assetsContainerName
  }
  {
    // The blob store builds DefaultAzureCredential with this client id; without it, it would look for a system-assigned identity.
    name: 'Pipeline__Storage__AzureBlob__ManagedIdentityClientId'
    value: identity.properties.clientId
  }

  // Pipeline: job records in Cosmos DB, data-plane RBAC only (no key, objects created by these templates).
  {
    name: 'Pipeline__Jobs__Provider'
    value: 'Cosmos'
  }
  {
    name: 'Pipeline__Jobs__Cosmos__Endpoint'
    value: cosmosEndpoint
  }
  {
    name: 'Pipeline__Jobs__Cosmos__Database'
    value: cosmosDatabaseName
  }
  {
    name: 'Pipeline__Jobs__Cosmos__Container'
    value: cosmosContainerName
  }
  {
    name: 'Pipeline__Jobs__Cosmos__CreateIfMissing'
    value: 'false'
  }
]

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: concat(appSettings, mediaProviderSettings)
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
    }
  }
}

// Deployments authenticate with Entra ID; publishing with basic (user name and password) credentials is off.
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = app.name
output defaultHostName string = app.properties.defaultHostName
