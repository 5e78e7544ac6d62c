using System.Net;
using System.Text.RegularExpressions;

namespace TradeSentinel.Tests.AnalystConsole;

/// <summary>An HTTP client of the console that keeps its cookies and does not follow redirects, so tests see them.</summary>
public sealed partial class ConsoleClient(string url) : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(url) };

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

    /// <summary>Posts a form, with the antiforgery token of <paramref name="tokenFrom"/> (a page's path) unless it is null.</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, Dictionary<string, string> fields, string? tokenFrom)
    {
        if (tokenFrom is not null)
        {
            var page = await (await _http.GetAsync(tokenFrom)).Content.ReadAsStringAsync();
            fields["__RequestVerificationToken"] = TokenField().Match(page).Groups[1].Value;
        }
        return await _http.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    public Task<HttpResponseMessage> SignInAsync(string name, string password) =>
        PostAsync("/signin?ReturnUrl=%2F", new() { ["name"] = name, ["password"] = password }, "/signin");

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
