using System.Net;
using System.Net.Sockets;

namespace RedCross.Testing.Processes;

/// <summary>Free loopback ports, picked at run time. The system hands a just-released port out again, so a port is
/// given only once per process: two picked together (say, for two listeners of one fake backend) never collide.</summary>
public static class Ports
{
    private static readonly HashSet<int> Given = [];

    public static int Free()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (Given)
            {
                if (Given.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
