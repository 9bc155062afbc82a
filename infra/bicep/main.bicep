// Pipeline on Azure: a Flex Consumption function app (.NET 10 isolated worker, Durable Functions on the Azure Storage
// backend) with its storage account, Cosmos DB job records, monitoring and alerts. Deployed into a resource group:
//   az deployment group create --resource-group <group> --template-file infra/bicep/main.bicep \
//     --parameters infra/bicep/main.bicepparam
// docs/deployment.md describes every resource, the identity and its roles, the settings and the alerts.

targetScope = 'resourceGroup'

@description('Short prefix of every resource name (lowercase letters and digits).')
@minLength(2)
@maxLength(10)
param namePrefix string = 'pipeline'

@description('Azure region of the resources; must offer the Flex Consumption plan.')
param location string = resourceGroup().location

@description('Tags applied to every resource.')
param tags object = {}

@description('Replication of the storage account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSkuName string = 'Standard_LRS'

@description('Upper bound of instances the Flex Consumption plan scales the app out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory of each function app instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Durable Functions task hub name (3-45 letters and digits, starting with a letter).')
@minLength(3)
@maxLength(45)
param taskHubName string = 'pipeline'

@description('Blobs under jobs/ and payloads/ in the assets container are deleted this many days after their last modification, whether or not their job still exists.')
@minValue(1)
param blobRetentionDays int = 30

@description('Days the Log Analytics workspace keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Resource id of an existing action group the alerts notify. Takes precedence over alertEmail.')
param actionGroupResourceId string = ''

@description('E-mail address a new action group notifies when actionGroupResourceId is empty. Empty: alerts fire without notifications.')
param alertEmail string = ''

@description('Failed Durable activity executions within 15 minutes above which the activity-failure alert fires.')
@minValue(0)
param activityFailureThreshold int = 10

@description('Deploy an Azure OpenAI account with openAIDeployments and switch the generators named by openAIImagesDeployment, openAISpeechDeployment and openAIPromptsDeployment to it. Off: every generator stays Local.')
param deployOpenAI bool = false

@description('Model deployments of the Azure OpenAI account (with deployOpenAI): name (what the app calls), model, version, skuName and capacity. The region (location) must offer each model with its SKU.')
param openAIDeployments array = [
  {
    name: 'images'
    model: 'gpt-image-1'
    version: '2025-04-15'
    skuName: 'GlobalStandard'
    capacity: 1
  }
  {
    name: 'speech'
    model: 'gpt-4o-mini-tts'
    version: '2025-03-20'
    skuName: 'GlobalStandard'
    capacity: 1
  }
  {
    name: 'prompts'
    model: 'gpt-4.1-mini'
    version: '2025-04-14'
    skuName: 'GlobalStandard'
    capacity: 50
  }
]

@description('Deployment (a name in openAIDeployments) the image generator calls when deployOpenAI is on. Empty: images stay Local.')
param openAIImagesDeployment string = 'images'

@description('Deployment (a name in openAIDeployments) the speech generator calls when deployOpenAI is on. Empty: speech stays Local.')
param openAISpeechDeployment string = 'speech'

@description('Deployment (a name in openAIDeployments) the prompt writer calls when deployOpenAI is on. Empty: prompts stay Local.')
param openAIPromptsDeployment string = 'prompts'

var suffix = uniqueString(resourceGroup().id, namePrefix)
var names = {
  identity: '${namePrefix}-id-${suffix}'
  storage: take('st${toLower(replace(namePrefix, '-', ''))}${suffix}', 24)
  cosmos: '${namePrefix}-cosmos-${suffix}'
  workspace: '${namePrefix}-log-${suffix}'
  appInsights: '${namePrefix}-appi-${suffix}'
  plan: '${namePrefix}-plan-${suffix}'
  app: '${namePrefix}-func-${suffix}'
  openAI: '${namePrefix}-oai-${suffix}'
}
var deploymentContainerName = 'app-package'
var assetsContainerName = 'pipeline-assets'
var cosmosDatabaseName = 'pipeline'
var cosmosContainerName = 'jobs'

// The one identity of the app. User-assigned, not system-assigned: it exists (with its role assignments) before the
// app is created, so the first start already has data access and the Flex deployment container can name it; it
// survives re-creating the app; and with a single identity DefaultAzureCredential (AZURE_CLIENT_ID) and the
// Functions host (__clientId) cannot pick a different one.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: names.identity
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    tags: tags
    workspaceName: names.workspace
    appInsightsName: names.appInsights
    retentionInDays: logRetentionInDays
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    tags: tags
    name: names.storage
    skuName: storageSkuName
    deploymentContainerName: deploymentContainerName
    assetsContainerName: assetsContainerName
    blobRetentionDays: blobRetentionDays
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  params: {
    location: location
    tags: tags
    accountName: names.cosmos
    databaseName: cosmosDatabaseName
    containerName: cosmosContainerName
  }
}

module access 'modules/access.bicep' = {
  name: 'access'
  params: {
    identityName: identity.name
    storageAccountName: storage.outputs.name
    cosmosAccountName: cosmos.outputs.accountName
    appInsightsName: monitoring.outputs.appInsightsName
  }
}

module openAI 'modules/openai.bicep' = if (deployOpenAI) {
  name: 'openAI'
  params: {
    location: location
    tags: tags
    accountName: names.openAI
    identityName: identity.name
    deployments: openAIDeployments
  }
}

// Pipeline:Media:{Images|Speech|Prompts}:Provider, Endpoint and Deployment of each generator switched to the account.
// Nothing when the account is not deployed: the app's default is the Local generators. The endpoint is read only on
// the branch that deploys the account.
var openAIEndpoint = deployOpenAI ? openAI!.outputs.endpoint : ''
var mediaProviderSettings = deployOpenAI
  ? concat(
      empty(openAIImagesDeployment)
        ? []
        : [
            { name: 'Pipeline__Media__Images__Provider', value: 'AzureOpenAI' }
            { name: 'Pipeline__Media__Images__Endpoint', value: openAIEndpoint }
            { name: 'Pipeline__Media__Images__Deployment', value: openAIImagesDeployment }
          ],
      empty(openAISpeechDeployment)
        ? []
        : [
            { name: 'Pipeline__Media__Speech__Provider', value: 'AzureOpenAI' }
            { name: 'Pipeline__Media__Speech__Endpoint', value: openAIEndpoint }
            { name: 'Pipeline__Media__Speech__Deployment', value: openAISpeechDeployment }
          ],
      empty(openAIPromptsDeployment)
        ? []
        : [
            { name: 'Pipeline__Media__Prompts__Provider', value: 'AzureOpenAI' }
            { name: 'Pipeline__Media__Prompts__Endpoint', value: openAIEndpoint }
            { name: 'Pipeline__Media__Prompts__Deployment', value: openAIPromptsDeployment }
          ]
    )
  : []

module functionApp 'modules/functionApp.bicep' = {
  name: 'functionApp'
  params: {
    location: location
    tags: tags
    planName: names.plan
    appName: names.app
    identityName: identity.name
    storageAccountName: storage.outputs.name
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    assetsContainerName: storage.outputs.assetsContainerName
    appInsightsName: monitoring.outputs.appInsightsName
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosDatabaseName: cosmos.outputs.databaseName
    cosmosContainerName: cosmos.outputs.containerName
    taskHubName: taskHubName
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    mediaProviderSettings: mediaProviderSettings
  }
  // The app starts as soon as it exists: give it its data access first (the generator settings read the OpenAI
  // module's endpoint, so the account, its deployments and its role come first too).
  dependsOn: [
    access
  ]
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  params: {
    location: location
    tags: tags
    namePrefix: namePrefix
    appInsightsId: monitoring.outputs.appInsightsId
    actionGroupResourceId: actionGroupResourceId
    alertEmail: alertEmail
    activityFailureThreshold: activityFailureThreshold
  }
}

output functionAppName string = functionApp.outputs.name
output defaultHostName string = functionApp.outputs.defaultHostName
output storageAccountName string = storage.outputs.name
output cosmosEndpoint string = cosmos.outputs.endpoint
output identityClientId string = identity.properties.clientId
@description('Endpoint of the Azure OpenAI account (https://<name>.openai.azure.com/); empty when deployOpenAI is off.')
output openAIEndpoint string = openAIEndpoint
