using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Pipeline.Domain.Jobs;
using Pipeline.Domain.Lecture;
using Pipeline.Domain.Status;

namespace Pipeline.Domain;

/// <summary>Registers what the workflows, activities and entities of the domain need, for every host.</summary>
public static class DomainServiceCollectionExtensions
{
    public static IServiceCollection AddPipelineDomain(this IServiceCollection services)
    {
        services.AddOptions<LectureMediaOptions>().BindConfiguration(LectureMediaOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<JobStatusOptions>().BindConfiguration(JobStatusOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(_ => PipelineCatalog.Create());
        services.TryAddSingleton<LectureRequestStore>();
        services.TryAddSingleton<JobRecords>();
        return services;
    }
}
