using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RedCross.ServiceDefaults.Security;

/// <summary>The identity host's ES256 signing keys and its issuer, kept in one folder of its data (`keys/`, or
/// `Auth:KeysDirectory`): a PEM file per key, named by when it was made, so the newest signs and every key still in
/// the folder validates (rotation: <see cref="Rotate"/>, then remove the old file once the longest token it signed has
/// expired). Only the identity host creates this folder; in microservices mode it is mounted nowhere else, and every
/// other host validates from the identity's published keys (JWKS). On one machine (the embedded mode, `rc login
/// --role`, tests) whoever holds the data folder holds the keys.</summary>
public sealed class IdentityKeys
{
    public const string FolderName = "keys";
    public const string Audience = "redcross";
    private const string IssuerFile = "issuer";
    private const string Prefix = "es256-";

    private IdentityKeys(string folder, string issuer, IReadOnlyList<ECDsaSecurityKey> keys)
    {
        Folder = folder;
        Issuer = issuer;
        Keys = keys;
    }

    public string Folder { get; }

    /// <summary>The `iss` of every token: `Auth:Issuer`, fixed by configuration, never taken from a request.</summary>
    public string Issuer { get; }

    /// <summary>Newest first: the first signs, all validate.</summary>
    public IReadOnlyList<ECDsaSecurityKey> Keys { get; }

    public static string DefaultFolder(string dataDirectory) => Path.Combine(dataDirectory, FolderName);

    public static bool ExistIn(string folder) => Directory.Exists(folder) && KeyFiles(folder).Length > 0;

    /// <summary>The keys of an identity that already made them; a host that does not run the identity never makes any.</summary>
    public static IdentityKeys Open(string folder)
    {
        if (!ExistIn(folder))
        {
            throw new InvalidOperationException(
                $"No identity signing keys in {folder}. Only the identity host makes them: set Auth:Authority to the identity's address, "
                + "or point Auth:KeysDirectory (or Data:Directory) at the folder of the embedded deployment.");
        }

        var issuer = File.Exists(Path.Combine(folder, IssuerFile)) ? File.ReadAllText(Path.Combine(folder, IssuerFile)).Trim() : string.Empty;
        return new IdentityKeys(folder, issuer, [.. KeyFiles(folder).Select(Load)]);
    }

    /// <summary>For the identity itself: makes the first key when there is none and records the issuer it signs as.</summary>
    public static IdentityKeys OpenOrCreate(string folder, string issuer)
    {
        Directory.CreateDirectory(folder);
        if (!ExistIn(folder))
        {
            // A fixed name for the first key: two processes starting at once agree on one key (the second move fails).
            WriteNew(Path.Combine(folder, Prefix + "00000000T000000000.pem"));
        }

        var normalised = new Uri(issuer, UriKind.Absolute).AbsoluteUri;
        var issuerPath = Path.Combine(folder, IssuerFile);
        if (!File.Exists(issuerPath) || File.ReadAllText(issuerPath).Trim() != normalised)
        {
            WriteAtomically(issuerPath, normalised, overwrite: true);
        }

        return Open(folder);
    }

    /// <summary>The identity's own RSA key for what only it reads back (authorization codes, device codes, refresh
    /// tokens, all encrypted to itself): kept beside the signing keys so a restart does not void them. Never published.</summary>
    public static RsaSecurityKey OpenOrCreateEncryptionKey(string folder)
    {
        var path = Path.Combine(folder, "encryption-rsa.pem");
        if (!File.Exists(path))
        {
            using var made = RSA.Create(2048);
            WriteAtomically(path, made.ExportPkcs8PrivateKeyPem(), overwrite: false);
        }

        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(path));
        return new RsaSecurityKey(rsa) { KeyId = "encryption" };
    }

    /// <summary>Adds a new key, which signs from the identity's next start; returns its key id.</summary>
    public static string Rotate(string folder, DateTimeOffset now)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{Prefix}{now.UtcDateTime:yyyyMMdd'T'HHmmssfff}.pem");
        WriteNew(path);
        return Path.GetFileNameWithoutExtension(path);
    }

    /// <summary>Signs a token for a principal acting in the subtree at <paramref name="orgPath"/> with the newest key.</summary>
    public string Mint(string subject, string role, string orgPath, TimeSpan lifetime,
        IEnumerable<string>? scopes = null, string? name = null, DateTime? now = null)
    {
        var issuedAt = now ?? DateTime.UtcNow;
        var claims = new List<Claim>
        {
            new(CallerClaims.Subject, subject),
            new(CallerClaims.Name, name ?? subject),
            new(CallerClaims.Role, role),
            new(CallerClaims.Org, orgPath),
        };
        claims.AddRange((scopes ?? []).Select(s => new Claim(CallerClaims.Scope, s)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = issuedAt + lifetime,
            SigningCredentials = new SigningCredentials(Keys[0], SecurityAlgorithms.EcdsaSha256),
        });
    }

    private static string[] KeyFiles(string folder) =>
        [.. Directory.GetFiles(folder, Prefix + "*.pem").OrderByDescending(Path.GetFileName, StringComparer.Ordinal)];

    private static ECDsaSecurityKey Load(string path)
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(File.ReadAllText(path));
        return new ECDsaSecurityKey(ecdsa) { KeyId = Path.GetFileNameWithoutExtension(path) };
    }

    private static void WriteNew(string path)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        WriteAtomically(path, ecdsa.ExportPkcs8PrivateKeyPem(), overwrite: false);
    }

    /// <summary>Written aside (readable by the owner only), then moved into place, so no reader ever sees half a file;
    /// without <paramref name="overwrite"/> a file made at the same moment by another process wins.</summary>
    private static void WriteAtomically(string path, string content, bool overwrite)
    {
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(temporary, options))
        {
            writer.Write(content);
        }

        try
        {
            File.Move(temporary, path, overwrite);
        }
        catch (IOException) when (!overwrite && File.Exists(path))
        {
            File.Delete(temporary);
        }
    }
}
