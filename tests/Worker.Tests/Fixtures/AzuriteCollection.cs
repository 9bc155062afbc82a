namespace Pipeline.Worker.Tests.Fixtures;

/// <summary>Test classes in this collection share one <see cref="AzuriteFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
