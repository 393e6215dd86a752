using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Testing;

/// <summary>Tokens an attacker could make: right claims, wrong signer. Each names what it forges.</summary>
public static class Forgery
{
    /// <summary>How the platform signed before the identity had its own keys: HS256 with a key every pod held.</summary>
    public static string Hs256(string issuer, byte[]? key = null) =>
        Sign(issuer, IdentityKeys.Audience, new SigningCredentials(new SymmetricSecurityKey(key ?? RandomNumberGenerator.GetBytes(32)), SecurityAlgorithms.HmacSha256));

    /// <summary>ES256 with a key of the forger's own (a pod that made itself a key), under the identity's issuer.</summary>
    public static string OtherKey(string issuer) =>
        Sign(issuer, IdentityKeys.Audience, new SigningCredentials(new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "forger" }, SecurityAlgorithms.EcdsaSha256));

    /// <summary>A province admin of 06 with the given issuer, audience, signature and issue time.</summary>
    public static string Sign(string issuer, string audience, SigningCredentials? credentials, DateTime? issuedAt = null)
    {
        var at = issuedAt ?? DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = new Dictionary<string, object> { ["sub"] = "forger", ["role"] = Roles.ProvinceAdmin, ["org"] = "06" },
            IssuedAt = at,
            NotBefore = at,
            Expires = at.AddHours(1),
            SigningCredentials = credentials,
        });
    }
}
