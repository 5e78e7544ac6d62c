using System.Net;
using System.Net.Sockets;

namespace TradeSentinel.DevInfrastructure;

/// <summary>A TCP port free on the loopback interface right now, for servers the project starts itself.</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
