using System.Collections.Concurrent;
using System.Net;
using TradeSentinel.Alerting.Hooks;
using TradeSentinel.Infrastructure.Hosting;

namespace TradeSentinel.Tests.Fixtures;

/// <summary>
/// A freeze-hook receiver on loopback, as an exchange would run one: it checks every request's
/// signature, can fail on purpose or be down, and counts what it accepted per idempotency key.
/// </summary>
public sealed class HookReceiver : IDisposable
{
    private readonly byte[] _secret;
    private readonly ConcurrentDictionary<string, int> _accepted = new();
    private readonly ConcurrentDictionary<string, int> _attempts = new();
    private HttpListener? _listener;

    public HookReceiver(string secret)
    {
        _secret = System.Text.Encoding.UTF8.GetBytes(secret);
        Port = LoopbackPort.Free();
    }

    public int Port { get; }
    public string Url => $"http://127.0.0.1:{Port}/freeze";

    /// <summary>Answers 503 to the first this-many attempts of each alert id.</summary>
    public int FailFirstAttempts { get; set; }

    /// <summary>Answers this status to everything, when set.</summary>
    public HttpStatusCode? AlwaysAnswer { get; set; }

    public int BadSignatures;
    public int Requests;

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
        var id = context.Request.Headers[HookSignature.IdempotencyHeader] ?? "";
        var attempt = _attempts.AddOrUpdate(id, 1, (_, n) => n + 1);
        HttpStatusCode status;
        if (!HookSignature.Verify(_secret, bytes, context.Request.Headers[HookSignature.Header]))
        {
            Interlocked.Increment(ref BadSignatures);
            status = HttpStatusCode.Unauthorized;
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

    public void Dispose() => Stop();
}
