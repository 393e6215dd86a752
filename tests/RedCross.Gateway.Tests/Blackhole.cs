using System.Net;
using System.Net.Sockets;

namespace RedCross.Gateway.Tests;

/// <summary>A local address whose connects hang, like a host that drops packets: a listening socket that
/// never accepts, its accept queue filled by our own connections, so the kernel drops further SYNs.
/// (A non-routed IP would do on an open network, but a sandbox may answer for any address.)</summary>
internal sealed class Blackhole : IDisposable
{
    private readonly Socket listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly List<Socket> fillers = [];

    public Blackhole()
    {
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(0);
        Port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        for (var i = 0; i < 4; i++)
        {
            var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
            try
            {
                filler.Connect(IPAddress.Loopback, Port);
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
            {
                // A connect the kernel keeps retrying: the queue is full.
            }

            fillers.Add(filler);
        }
    }

    public int Port { get; }

    public void Dispose()
    {
        foreach (var filler in fillers)
        {
            filler.Dispose();
        }

        listener.Dispose();
    }
}
