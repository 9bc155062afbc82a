using Pipeline.Deployment.Tests.Arm;

namespace Pipeline.Deployment.Tests;

[Collection(BicepTemplateCollection.Name)]
public sealed class SecretsTests(BicepTemplateFixture fixture)
{
    private static readonly string[] SecretMarkers =
    [
        "AccountKey=",
        "SharedAccessKey",
        "SharedAccessSignature",
        "listKeys(",
        "listConnectionStrings(",
        "listAccountSas(",
        "listServiceSas(",
        "MasterKey",
        "InstrumentationKey",
    ];

    private ArmTemplate Template => fixture.Template;

    [Fact]
    public void AppSettings_Values_CarryNoKeysOrKeyedConnectionStrings()
    {
        foreach (var (name, value) in Template.AppSettings())
        {
            var text = value.Canonical;
            foreach (var marker in SecretMarkers)
            {
                Assert.False(text.Contains(marker, StringComparison.OrdinalIgnoreCase), $"App setting {name} contains '{marker}': {text}");
            }
        }
    }

    [Fact]
    public void AppSettings_Names_UseIdentityBasedConnectionsOnly()
    {
        var names = Template.AppSettings().Keys.ToList();

        // A plain AzureWebJobsStorage is a connection string; Cosmos keys and storage keys have settings of their own.
        Assert.DoesNotContain("AzureWebJobsStorage", names);
        Assert.DoesNotContain(names, n => n.EndsWith("__Key", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(names, n => n.Contains("ConnectionString", StringComparison.OrdinalIgnoreCase) && n != "APPLICATIONINSIGHTS_CONNECTION_STRING");
    }

    [Fact]
    public void AppInsightsConnectionString_Setting_ComesFromTheComponentThatRefusesLocalAuth()
    {
        var appInsights = Template.One(Resources.AppInsights);

        Assert.Equal(new ArmValue.Symbol($"reference({appInsights.Id}).ConnectionString"), Template.AppSettings()["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        Assert.Equal(new ArmValue.Boolean(true), appInsights.Get("properties", "DisableLocalAuth"));
    }

    [Fact]
    public void Template_AnyValue_NeverReadsKeysOrConnectionStrings()
    {
        var offending = Deployment.Strings(Template.Document.RootElement)
            .Where(s => s.Contains("listKeys(", StringComparison.OrdinalIgnoreCase)
                || s.Contains("listConnectionStrings(", StringComparison.OrdinalIgnoreCase)
                || s.Contains("AccountKey=", StringComparison.OrdinalIgnoreCase))
            .ToList();

        Assert.Empty(offending);
    }
}
