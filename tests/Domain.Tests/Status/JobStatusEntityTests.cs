using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Entities;
using Pipeline.Domain.Durable;
using Pipeline.Domain.Payloads;
using Pipeline.Domain.Status;

namespace Pipeline.Domain.Tests.Status;

public sealed class JobStatusEntityTests
{
    [Fact]
    public void IdFor_JobId_NamesTheEntityAsTheCatalogRegistersIt()
    {
        var catalog = new DurableCatalog().AddEntity<JobStatusEntity>();

        var id = JobStatusEntity.IdFor("lecture-0001");

        Assert.Equal(typeof(JobStatusEntity), catalog.Get(id.Name, DurableFunctionKind.Entity).Type);
        Assert.Equal("lecture-0001", id.Key);
    }

    [Fact]
    public void IdFor_InvalidJobId_Throws()
        => Assert.Throws<ArgumentException>(() => JobStatusEntity.IdFor("../other-job"));
}
