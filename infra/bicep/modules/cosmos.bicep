// Cosmos DB (NoSQL API, serverless) for job records: database `pipeline`, container `jobs`, partition key `/id`
// (every job operation but listing is a point read or write by job id; see docs/job-records.md). Local (key)
// authentication is disabled: the app signs in with its managed identity and a data-plane role assignment.

@description('Azure region of the account.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Cosmos DB account name (3-44 lowercase letters, digits and hyphens, globally unique).')
@minLength(3)
@maxLength(44)
param accountName string

@description('SQL database of the job records.')
param databaseName string

@description('Container of the job records.')
param containerName string

resource account 'Microsoft.DocumentDB/databaseAccounts@2025-10-15' = {
  name: accountName
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    capabilities: [
      {
        name: 'EnableServerless'
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2025-10-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
  }
}

resource container 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2025-10-15' = {
  parent: database
  name: containerName
  properties: {
    resource: {
      id: containerName
      partitionKey: {
        paths: [
          '/id'
        ]
        kind: 'Hash'
        version: 2
      }
      // The default policy: everything indexed, consistent. The list query orders by the single property listKey,
      // which the default range index serves.
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: [
          {
            path: '/*'
          }
        ]
        excludedPaths: [
          {
            path: '/"_etag"/?'
          }
        ]
      }
    }
  }
}

output accountName string = account.name
output endpoint string = account.properties.documentEndpoint
output databaseName string = database.name
output containerName string = container.name
