using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TradeSentinel.Infrastructure.Hosting;

/// <summary>
/// Every options class is bound from its configuration section and validated (its data annotations)
/// when the host starts: a setting out of range stops the process with a message naming it, before
/// any record is read.
/// </summary>
public static class ValidatedOptions
{
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, string section) where T : class =>
        services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
}
