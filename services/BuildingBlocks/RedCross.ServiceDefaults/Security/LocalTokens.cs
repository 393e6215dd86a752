using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RedCross.ServiceDefaults.Security;

/// <summary>The embedded deployment's token authority: a random HS256 key kept in the data folder
/// (created on first start, never committed) and the tokens `rc login` and tests mint with it.</summary>
public static class LocalTokens
{
    public const string Issuer = "redcross-local";
    public const string Audience = "redcross";
    public const string KeyFileName = "signing.key";

    public static string KeyFile(string dataDirectory) => Path.Combine(dataDirectory, KeyFileName);

    /// <summary>Reads the key, creating it (readable by the owner only) when the file is absent.</summary>
    public static byte[] LoadOrCreateKey(string keyFile)
    {
        if (File.Exists(keyFile))
        {
            return Convert.FromBase64String(File.ReadAllText(keyFile).Trim());
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(keyFile))!);
        var key = RandomNumberGenerator.GetBytes(32);
        // Written aside, then moved into place without overwriting: a process starting at the same
        // moment either wins or reads the complete key of the one that did, never a half-written file.
        var temporary = keyFile + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(temporary, options))
        {
            writer.Write(Convert.ToBase64String(key));
        }

        try
        {
            File.Move(temporary, keyFile, overwrite: false);
            return key;
        }
        catch (IOException) when (File.Exists(keyFile))
        {
            File.Delete(temporary);
            return Convert.FromBase64String(File.ReadAllText(keyFile).Trim());
        }
    }

    public static SymmetricSecurityKey SecurityKey(byte[] key) => new(key) { KeyId = "local" };

    /// <summary>Mints a token for a principal acting in the subtree at <paramref name="orgPath"/>.</summary>
    public static string Mint(byte[] key, string subject, string role, string orgPath, TimeSpan lifetime,
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
            SigningCredentials = new SigningCredentials(SecurityKey(key), SecurityAlgorithms.HmacSha256),
        });
    }
}
