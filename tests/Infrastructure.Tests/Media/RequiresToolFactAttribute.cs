using Pipeline.Infrastructure.Media;

namespace Pipeline.Infrastructure.Tests.Media;

/// <summary>A fact that is reported as skipped (not passed) when a command-line tool is missing; CI installs them all.</summary>
public sealed class RequiresToolFactAttribute : FactAttribute
{
    public RequiresToolFactAttribute(string tool)
    {
        if (ExternalTool.FindOnPath(tool) is null)
        {
            Skip = $"{tool} is not on PATH";
        }
    }
}
