using 'main.bicep'

// Values for one environment; override any of them on the command line (--parameters name=value).
param namePrefix = 'pipeline'
param storageSkuName = 'Standard_LRS'
param maximumInstanceCount = 100
param instanceMemoryMB = 2048
param taskHubName = 'pipeline'
param blobRetentionDays = 30
param logRetentionInDays = 30
param alertEmail = ''
param activityFailureThreshold = 10

// Azure OpenAI for the hosted generators: off, every generator is Local. openai.bicepparam switches it on.
param deployOpenAI = false
