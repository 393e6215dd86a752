using System.Net;
using System.Net.Sockets;

namespace RedCross.Testing.Processes;

/// <summary>Free loopback ports, picked at run time.</summary>
public static class Ports
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
