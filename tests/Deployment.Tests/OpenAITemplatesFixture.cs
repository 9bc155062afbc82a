namespace Pipeline.Deployment.Tests;

/// <summary>The deployment with the Azure OpenAI account off (main.bicepparam) and on (openai.bicepparam).</summary>
public sealed class OpenAITemplatesFixture
{
    public const string OnParametersFile = "openai.bicepparam";

    public DeploymentCase Off { get; } = new(BicepTemplateFixture.ParametersFile);

    public DeploymentCase On { get; } = new(OnParametersFile);
}
