// Storage account of the function app: the Functions host and the Durable task hub (AzureWebJobsStorage, reached
// with the managed identity), the Flex Consumption deployment packages, and Pipeline's assets and offloaded payloads.
// Shared key access is off, so nothing can use an account key or a SAS signed with one; user-delegation SAS (the
// short-lived asset URLs) still works because it is signed with an Entra ID-issued key.

@description('Azure region of the resources.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Storage account name (3-24 lowercase letters and digits, globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Replication of the storage account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param skuName string

@description('Container that holds the Flex Consumption deployment packages.')
param deploymentContainerName string

@description('Container that holds the job assets (jobs/...) and offloaded payloads (payloads/...).')
param assetsContainerName string

@description('Blobs under jobs/ and payloads/ in the assets container are deleted this many days after their last modification.')
@minValue(1)
param blobRetentionDays int

resource account 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = {
  parent: account
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource assetsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobService
  name: assetsContainerName
  properties: {
    publicAccess: 'None'
  }
}

// Removes leftovers that no job deletes any more: blobs of purged or crashed jobs that outlived their job record, and
// payloads offloaded by orchestrations that never read them back. The rule cannot tell whether a job still exists: it
// deletes EVERY blob under these prefixes whose last modification is older than blobRetentionDays, so that number is
// also the longest time a finished job's assets stay downloadable (see docs/deployment.md).
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2025-06-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'delete-stale-job-blobs'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
                'appendBlob'
              ]
              prefixMatch: [
                '${assetsContainerName}/jobs/'
                '${assetsContainerName}/payloads/'
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterModificationGreaterThan: blobRetentionDays
                }
              }
            }
          }
        }
      ]
    }
  }
  dependsOn: [
    assetsContainer
  ]
}

output name string = account.name
output id string = account.id
output blobEndpoint string = account.properties.primaryEndpoints.blob
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${deploymentContainer.name}'
output assetsContainerName string = assetsContainer.name
