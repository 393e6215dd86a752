using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;
using Microsoft.Playwright;
using RedCross.Contracts.Membership.V1;
using RedCross.Testing.Processes;
using Xunit;

namespace RedCross.WebConsole.Tests;

/// <summary>The embedded console on a district office's network: with `Ports:Https` and the office's certificate, another
/// machine reaches the console (and gRPC) over TLS at this machine's network address and signs in there, the session
/// cookie secure; the cleartext ports still answer this machine only; and `Ports:Https` without a certificate stops
/// the host at start with a message that says what to give.</summary>
public sealed class OfficeHttpsTests(OfficeConsoleDeployment deployment) : IClassFixture<OfficeConsoleDeployment>
{
    [Fact]
    public async Task Another_machine_signs_in_over_https_at_the_office_address_and_never_reaches_the_cleartext_ports()
    {
        var context = await deployment.Browser.NewContextAsync(new() { IgnoreHTTPSErrors = true, ViewportSize = new() { Width = 1366, Height = 768 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(deployment.OfficeUrl + "/");
        Assert.StartsWith(deployment.OfficeUrl + "/connect/authorize", page.Url, StringComparison.Ordinal);
        await page.GetByLabel("Tên đăng nhập / Username").FillAsync("officer058");
        await page.GetByLabel("Mật khẩu / Password").FillAsync(ConsoleDeployment.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập / Sign in" }).ClickAsync();
        await page.WaitForURLAsync(deployment.OfficeUrl + "/");
        await Assertions.Expect(page.GetByText("Hoàng Văn Cán")).ToBeVisibleAsync();
        await Pages.CheckAsync(page, "home-office-https");

        var session = Assert.Single(await context.CookiesAsync(), c => c.Name == "rc-console");
        Assert.True(session.Secure && session.HttpOnly, "the session cookie is secure and http-only");
        Assert.Equal(SameSiteAttribute.Lax, session.SameSite);

        // gRPC on the same TLS port, the certificate checked against the office's own (not any certificate accepted).
        using var handler = new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, cert, _, _) => cert is not null && cert.GetCertHashString() == deployment.Certificate.GetCertHashString() } };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(deployment.OfficeUrl) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", deployment.Tokens.DistrictOfficer058);
        using var channel = GrpcChannel.ForAddress(client.BaseAddress, new GrpcChannelOptions { HttpClient = client });
        var members = await new Members.MembersClient(channel).ListMembersAsync(new ListMembersRequest { OrgUnit = "058", PageSize = 1 });
        Assert.NotNull(members);

        // The cleartext ports answer this machine only: from the office's address they are closed.
        foreach (var port in new[] { deployment.HttpPort, deployment.GrpcPort })
        {
            using var tcp = new TcpClient();
            await Assert.ThrowsAsync<SocketException>(() => tcp.ConnectAsync(deployment.OfficeAddress, port));
        }
    }

    [Fact]
    public async Task Https_without_a_certificate_stops_the_host_at_start_saying_what_to_give()
    {
        var data = Directory.CreateTempSubdirectory("rc-office-").FullName;
        try
        {
            var run = await Shell.Run("dotnet", [Repo.Binary("services/Monolith/RedCross.Monolith.Host", "RedCross.Monolith.Host")], new Dictionary<string, string>
            {
                ["Ports__Http"] = Ports.Free().ToString(CultureInfo.InvariantCulture),
                ["Ports__Grpc"] = Ports.Free().ToString(CultureInfo.InvariantCulture),
                ["Ports__Https"] = Ports.Free().ToString(CultureInfo.InvariantCulture),
                ["Data__Directory"] = data,
            });
            Assert.NotEqual(0, run.ExitCode);
            Assert.Contains("Ports:Https is set but Ports:Certificate:Path is not", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}

/// <summary>The embedded deployment as an office serves it: `Ports:Https` on every interface with a certificate made for
/// this machine's network address (PEM and key), `Console:PublicUrl` at that address.</summary>
public sealed class OfficeConsoleDeployment : ConsoleDeployment
{
    private readonly string certificates = Directory.CreateTempSubdirectory("rc-office-cert-").FullName;

    public OfficeConsoleDeployment()
    {
        OfficeAddress = NetworkAddress();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=may-chu-huyen", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(OfficeAddress);
        request.CertificateExtensions.Add(names.Build());
        Certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        File.WriteAllText(Path.Combine(certificates, "office.crt"), Certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(certificates, "office.key"), key.ExportPkcs8PrivateKeyPem());
    }

    public IPAddress OfficeAddress { get; }

    public X509Certificate2 Certificate { get; }

    public int HttpsPort { get; } = Ports.Free();

    public string OfficeUrl => $"https://{OfficeAddress}:{HttpsPort}";

    protected override IEnumerable<KeyValuePair<string, string>> Environment =>
    [
        new("Ports__Https", HttpsPort.ToString(CultureInfo.InvariantCulture)),
        new("Ports__Certificate__Path", Path.Combine(certificates, "office.crt")),
        new("Ports__Certificate__KeyPath", Path.Combine(certificates, "office.key")),
        new("Console__PublicUrl", OfficeUrl),
    ];

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Certificate.Dispose();
        Directory.Delete(certificates, recursive: true);
    }

    /// <summary>This machine's address on its network, as another office PC would reach it.</summary>
    private static IPAddress NetworkAddress() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
        ?? throw new InvalidOperationException("This machine has no network address besides loopback: an office's other machines could not reach it either.");
}
