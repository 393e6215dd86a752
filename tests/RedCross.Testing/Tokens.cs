using RedCross.ServiceDefaults.Security;

namespace RedCross.Testing;

/// <summary>Signs tokens with the identity's own key in an embedded data folder, as `rc login --role` does on the
/// machine that holds it: the same ES256 key and issuer the identity signs with, so no test holds a key production
/// would not.</summary>
public sealed class Tokens(string dataDirectoryOrKeysFolder)
{
    /// <summary>The identity's keys: the folder given, or keys/ in the data folder given.</summary>
    public IdentityKeys Keys => IdentityKeys.Open(
        Path.GetFileName(dataDirectoryOrKeysFolder.TrimEnd('/')) == IdentityKeys.FolderName
            ? dataDirectoryOrKeysFolder
            : IdentityKeys.DefaultFolder(dataDirectoryOrKeysFolder));

    /// <summary>A token whose subject names the role and unit, so officers of two units are two callers.</summary>
    public string For(string role, string orgPath, TimeSpan? lifetime = null, DateTime? now = null, params string[] scopes) =>
        Keys.Mint($"test-{role}@{orgPath}", role, orgPath, lifetime ?? TimeSpan.FromHours(1), scopes, now: now);

    /// <summary>A token as the identity issues it to a registered client: the client id is the subject.</summary>
    public string ForClient(string clientId, string role, string orgPath, params string[] scopes) =>
        Keys.Mint(clientId, role, orgPath, TimeSpan.FromMinutes(15), scopes);

    /// <summary>A token with exactly these claims (say, as an external authority names role and unit), signed with the key.</summary>
    public string WithClaims(Dictionary<string, object> claims) =>
        new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = Keys.Issuer,
            Audience = IdentityKeys.Audience,
            Claims = claims,
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(Keys.Keys[0], Microsoft.IdentityModel.Tokens.SecurityAlgorithms.EcdsaSha256),
        });

    public string ProvinceAdmin => For(Roles.ProvinceAdmin, "06");

    public string DistrictOfficer058 => For(Roles.DistrictOfficer, "06/058");
}
