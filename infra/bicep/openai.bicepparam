using 'main.bicep'

// main.bicepparam with the Azure OpenAI account on: images, speech and prompts call its model deployments (the
// defaults of openAIDeployments) with the app's managed identity. Deploy with --parameters infra/bicep/openai.bicepparam.
param namePrefix = 'pipeline'
param storageSkuName = 'Standard_LRS'
param maximumInstanceCount = 100
param instanceMemoryMB = 2048
param taskHubName = 'pipeline'
param blobRetentionDays = 30
param logRetentionInDays = 30
param alertEmail = ''
param activityFailureThreshold = 10
param deployOpenAI = true
