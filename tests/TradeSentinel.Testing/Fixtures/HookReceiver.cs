using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using TradeSentinel.Alerting.Hooks;
using TradeSentinel.Infrastructure.Hosting;

namespace TradeSentinel.Tests.Fixtures;

/// <summary>
/// A freeze-hook receiver on loopback, as an exchange would run one: it checks every request's
/// Standard Webhooks signature and refuses timestamps more than 5 minutes from its clock, can fail
/// on purpose, redirect, or be down, and counts what it accepted per <c>webhook-id</c>.
/// </summary>
public sealed class HookReceiver : IDisposable
{
    private readonly byte[] _key;
    private readonly ConcurrentDictionary<string, int> _accepted = new();
    private readonly ConcurrentDictionary<string, int> _attempts = new();
    private HttpListener? _listener;

    public HookReceiver(string secret)
    {
        _key = HookSignature.Key(secret);
        Port = PortBelowEphemeralRange();
    }

    // A receiver may start long after it was given its port (one that is down for a while). A port
    // of the kernel's ephemeral range (32768-60999 by default, where port 0 lands) can meanwhile
    // become an outgoing connection's source port, or a refused delivery's own socket (Linux
    // connects a socket to itself when source and destination match), and Start then fails with
    // "Address already in use", as it once did in CI. Below the range no connection takes it.
    private static int PortBelowEphemeralRange()
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = Random.Shared.Next(20_000, 32_768);
            try
            {
                using var probe = new TcpListener(IPAddress.Loopback, port);
                probe.Start();
                return port;
            }
            catch (SocketException) when (attempt < 100)
            {
            }
        }
    }

    public int Port { get; }
    public string Url => $"http://127.0.0.1:{Port}/freeze";

    /// <summary>Answers 503 to the first this-many attempts of each alert id.</summary>
    public int FailFirstAttempts { get; set; }

    /// <summary>Answers this status to everything, when set.</summary>
    public HttpStatusCode? AlwaysAnswer { get; set; }

    /// <summary>Answers 307 to <c>Location: RedirectTo</c> for everything, when set.</summary>
    public string? RedirectTo { get; set; }

    /// <summary>The receiver's clock, which checks each request's <c>webhook-timestamp</c>.</summary>
    public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>Requests refused for a signature that does not verify or a timestamp out of tolerance.</summary>
    public int BadSignatures;
    public int Requests;

    /// <summary>Every request as received, to inspect its headers or send it again (a replay attack).</summary>
    public IReadOnlyCollection<CapturedRequest> Captured => _captured;
    private readonly ConcurrentQueue<CapturedRequest> _captured = new();

    /// <summary>Alert ids accepted (answered 2xx), with how many times each.</summary>
    public IReadOnlyDictionary<string, int> Accepted => _accepted;

    public IEnumerable<string> Bodies => _bodies;
    private readonly ConcurrentBag<string> _bodies = [];

    public int Duplicates => _accepted.Values.Sum(n => n - 1);

    public HookReceiver Start()
    {
        _listener = new HttpListener();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = Task.Run(() => Serve(_listener));
        return this;
    }

    /// <summary>Closes the port: deliveries now fail with connection refused.</summary>
    public void Stop()
    {
        _listener?.Close();
        _listener = null;
    }

    private async Task Serve(HttpListener listener)
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            Answer(context);
        }
    }

    private void Answer(HttpListenerContext context)
    {
        Interlocked.Increment(ref Requests);
        using var body = new MemoryStream();
        context.Request.InputStream.CopyTo(body);
        var bytes = body.ToArray();
        var headers = context.Request.Headers;
        _captured.Enqueue(new CapturedRequest(headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => headers[k]!), bytes));
        var id = headers[HookSignature.IdHeader] ?? "";
        var attempt = _attempts.AddOrUpdate(id, 1, (_, n) => n + 1);
        HttpStatusCode status;
        if (!HookSignature.Verify(_key, headers[HookSignature.IdHeader], headers[HookSignature.TimestampHeader], bytes,
                headers[HookSignature.Header], Clock(), HookSignature.Tolerance))
        {
            Interlocked.Increment(ref BadSignatures);
            status = HttpStatusCode.Unauthorized;
        }
        else if (RedirectTo is { } target)
        {
            context.Response.RedirectLocation = target;
            status = HttpStatusCode.TemporaryRedirect;
        }
        else if (AlwaysAnswer is { } fixedStatus) status = fixedStatus;
        else if (attempt <= FailFirstAttempts) status = HttpStatusCode.ServiceUnavailable;
        else status = HttpStatusCode.OK;
        if ((int)status < 300)
        {
            _accepted.AddOrUpdate(id, 1, (_, n) => n + 1);
            _bodies.Add(System.Text.Encoding.UTF8.GetString(bytes));
        }
        context.Response.StatusCode = (int)status;
        context.Response.Close();
    }

    /// <summary>Sends a captured request again exactly as it was (headers and body); returns the status.</summary>
    public async Task<HttpStatusCode> ResendAsync(CapturedRequest request)
    {
        using var http = new HttpClient();
        using var message = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new ByteArrayContent(request.Body) };
        foreach (var (name, value) in request.Headers)
            if (name.StartsWith("webhook-", StringComparison.OrdinalIgnoreCase) || name == HookSignature.IdempotencyHeader)
                message.Headers.TryAddWithoutValidation(name, value);
        using var response = await http.SendAsync(message);
        return response.StatusCode;
    }

    public void Dispose() => Stop();
}
