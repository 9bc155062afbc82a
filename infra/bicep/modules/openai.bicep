// Azure OpenAI account (optional, main.bicep's deployOpenAI) with the model deployments the hosted generators call,
// and the one role the app needs on it. Local (key) authentication is disabled: the app signs in with its managed
// identity, which may call the deployed models (Cognitive Services OpenAI User) and nothing else — it cannot read keys,
// change deployments or manage the account.

@description('Azure region of the account; must offer the models and SKUs of the deployments.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Account name, also its custom subdomain (<name>.openai.azure.com): 2-64 letters, digits and hyphens, globally unique.')
@minLength(2)
@maxLength(64)
param accountName string

@description('Name of the user-assigned managed identity the function app runs as.')
param identityName string

@description('Model deployments: name (what the app calls), model, version, skuName (e.g. GlobalStandard, Standard) and capacity (units of the SKU).')
param deployments array

// Built-in Azure RBAC role "Cognitive Services OpenAI User": inference on every deployment of the account (chat,
// images, audio, embeddings); no keys, no deployment or account management.
var openAIUserRoleId = '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource account 'Microsoft.CognitiveServices/accounts@2025-06-01' = {
  name: accountName
  location: location
  tags: tags
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    // Entra ID tokens only: the custom subdomain is required for them, and keys are refused.
    customSubDomainName: accountName
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
    }
  }
}

// One at a time: the service refuses concurrent deployment changes on one account.
@batchSize(1)
resource modelDeployments 'Microsoft.CognitiveServices/accounts/deployments@2025-06-01' = [
  for deployment in deployments: {
    parent: account
    name: deployment.name
    sku: {
      name: deployment.skuName
      capacity: deployment.capacity
    }
    properties: {
      model: {
        format: 'OpenAI'
        name: deployment.model
        version: deployment.version
      }
    }
  }
]

resource openAIUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, identity.id, openAIUserRoleId)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', openAIUserRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

output name string = account.name
output endpoint string = account.properties.endpoint
