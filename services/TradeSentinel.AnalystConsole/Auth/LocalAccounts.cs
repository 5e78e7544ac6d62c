using System.Text.Json;
using System.Text.Json.Serialization;

namespace TradeSentinel.AnalystConsole.Auth;

/// <summary>The dev sign-in: a JSON file of accounts with hashed passwords and roles, read once at start.</summary>
public sealed class LocalAccounts
{
    // Checked when the name is unknown, so a wrong name takes as long as a wrong password.
    private static readonly string DummyHash = PasswordHash.Create(Guid.NewGuid().ToString());

    private readonly Dictionary<string, LocalAccount> _accounts;

    public LocalAccounts(IEnumerable<LocalAccount> accounts) =>
        _accounts = accounts.ToDictionary(a => a.Name, StringComparer.Ordinal);

    public static LocalAccounts Load(string path)
    {
        var file = JsonSerializer.Deserialize(File.ReadAllText(path), LocalAccountsJson.Default.LocalAccountFile)
            ?? throw new InvalidDataException($"{path}: no accounts");
        foreach (var a in file.Accounts)
            if (string.IsNullOrEmpty(a.Name) || string.IsNullOrEmpty(a.PasswordHash) || a.Roles.Any(r => r is not (ConsoleRoles.Viewer or ConsoleRoles.Analyst)))
                throw new InvalidDataException($"{path}: every account needs a name, a password_hash and roles among viewer, analyst");
        return new LocalAccounts(file.Accounts);
    }

    /// <summary>The account, when the password is its own.</summary>
    public LocalAccount? Verify(string name, string password)
    {
        var found = _accounts.GetValueOrDefault(name);
        var valid = PasswordHash.Verify(password, found?.PasswordHash ?? DummyHash);
        return valid ? found : null;
    }
}

public sealed class LocalAccount
{
    public string Name { get; set; } = "";
    public string PasswordHash { get; set; } = "";
    public List<string> Roles { get; set; } = [];
}

public sealed class LocalAccountFile
{
    public List<LocalAccount> Accounts { get; set; } = [];
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(LocalAccountFile))]
internal sealed partial class LocalAccountsJson : JsonSerializerContext;
