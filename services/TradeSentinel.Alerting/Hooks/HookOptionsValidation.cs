using Microsoft.Extensions.Options;

namespace TradeSentinel.Alerting.Hooks;

/// <summary>The hooks' own checks (<see cref="HookOptions.Validate"/>) as options validation, so they run at start.</summary>
public sealed class HookOptionsValidation : IValidateOptions<HookOptions>
{
    public ValidateOptionsResult Validate(string? name, HookOptions options)
    {
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (InvalidOperationException e)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }
    }
}
