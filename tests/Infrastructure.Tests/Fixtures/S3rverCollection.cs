namespace Pipeline.Infrastructure.Tests.Fixtures;

/// <summary>Test classes in this collection share one <see cref="S3rverFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class S3rverCollection : ICollectionFixture<S3rverFixture>
{
    public const string Name = "s3rver";
}
