using Microsoft.Extensions.DependencyInjection;

namespace Pipeline.Testing;

/// <summary>Wraps an already registered service in a decorator (for counting or fault injection in tests).</summary>
public static class ServiceCollectionDecorations
{
    public static IServiceCollection Decorate<TService>(this IServiceCollection services, Func<TService, IServiceProvider, TService> decorate)
        where TService : class
    {
        var existing = services.LastOrDefault(d => d.ServiceType == typeof(TService))
            ?? throw new InvalidOperationException($"{typeof(TService).Name} is not registered.");
        services.Remove(existing);
        services.Add(ServiceDescriptor.Describe(typeof(TService), provider => decorate(Create<TService>(existing, provider), provider), existing.Lifetime));
        return services;
    }

    private static TService Create<TService>(ServiceDescriptor descriptor, IServiceProvider provider)
        where TService : class
        => (TService)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!));
}
