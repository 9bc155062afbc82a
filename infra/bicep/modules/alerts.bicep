// Log alerts over the Application Insights telemetry of the function app, and the action group they notify.

@description('Azure region of the alert rules (the region of the Application Insights component).')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Prefix of the alert rule and action group names.')
param namePrefix string

@description('Application Insights component the queries run against (classic tables: traces, requests).')
param appInsightsId string

@description('Resource id of an existing action group to notify. Takes precedence over alertEmail.')
param actionGroupResourceId string

@description('E-mail address notified by a new action group when no actionGroupResourceId is given. Empty: the alerts fire without notifying anyone.')
param alertEmail string

@description('Failed activity executions within 15 minutes above which the activity-failure alert fires.')
@minValue(0)
param activityFailureThreshold int

var createActionGroup = empty(actionGroupResourceId) && !empty(alertEmail)

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (createActionGroup) {
  name: '${namePrefix}-alerts'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: take('${namePrefix}alert', 12)
    enabled: true
    emailReceivers: [
      {
        name: 'operator'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

var actionGroups = !empty(actionGroupResourceId)
  ? [actionGroupResourceId]
  : (createActionGroup ? [actionGroup.id] : [])

// The app logs one line when a job reaches a terminal status, with the ILogger message template
// `Job {JobId} ended {Status}`; the rendered message of a failed job is `Job <id> ended Failed`. Matching the rendered
// message works whichever way the worker forwards logs (customDimensions names differ between the host and the
// worker's own Application Insights provider).
var failedJobsQuery = '''
traces
| where message startswith "Job " and message endswith " ended Failed"
| project timestamp, message, JobId = tostring(customDimensions.JobId)
'''

// Durable Functions tracking events (category Host.Triggers.DurableTask, fields prefixed prop__) report every
// activity execution that ended with an exception; replays are excluded so each failure counts once.
var activityFailuresQuery = '''
traces
| where customDimensions.Category == "Host.Triggers.DurableTask"
| where tostring(customDimensions.prop__functionType) == "Activity"
| where tostring(customDimensions.prop__state) == "Failed"
| where tostring(customDimensions.prop__isReplay) != "True"
| project timestamp, Activity = tostring(customDimensions.prop__functionName), InstanceId = tostring(customDimensions.prop__instanceId)
'''

resource failedJobsAlert 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: '${namePrefix}-failed-jobs'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'Pipeline: jobs ended Failed'
    description: 'A job ended with status Failed (log line "Job {JobId} ended Failed") in the last 15 minutes.'
    severity: 1
    enabled: true
    scopes: [
      appInsightsId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: failedJobsQuery
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: actionGroups
    }
  }
}

resource activityFailuresAlert 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: '${namePrefix}-activity-failures'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'Pipeline: repeated activity failures'
    description: 'More than ${activityFailureThreshold} Durable activity executions failed in the last 15 minutes.'
    severity: 2
    enabled: true
    scopes: [
      appInsightsId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: activityFailuresQuery
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: activityFailureThreshold
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: actionGroups
    }
  }
}

output failedJobsAlertName string = failedJobsAlert.name
output activityFailuresAlertName string = activityFailuresAlert.name
