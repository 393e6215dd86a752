using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;

namespace RedCross.ServiceDefaults;

/// <summary>The certificate of `Ports:Https`, for a host that serves other machines itself (the monolith on a district
/// office's network): `Ports:Certificate:Path` is a PKCS#12 file (.pfx, with `Ports:Certificate:Password` if it has one)
/// or a PEM certificate with its key in `Ports:Certificate:KeyPath`. Behind the gateway TLS ends at the ingress instead.</summary>
internal static class HttpsCertificate
{
    public static X509Certificate2 Load(IConfiguration config)
    {
        var path = config["Ports:Certificate:Path"];
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new InvalidOperationException(
                "Ports:Https is set but Ports:Certificate:Path is not: give the office's certificate (.pfx, or PEM with Ports:Certificate:KeyPath). See README, \"Serving an office network\".");
        }

        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Ports:Certificate:Path names {path}, which does not exist.");
        }

        var keyPath = config["Ports:Certificate:KeyPath"];
        var password = config["Ports:Certificate:Password"];
        var certificate = string.IsNullOrWhiteSpace(keyPath)
            ? X509CertificateLoader.LoadPkcs12FromFile(path, password)
            : X509Certificate2.CreateFromPemFile(path, keyPath);
        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"The certificate in {path} has no private key: a .pfx with its key, or a PEM with Ports:Certificate:KeyPath.");
        }

        return certificate;
    }
}
