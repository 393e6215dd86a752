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

    public string ProvinceAdmin => For(Roles.ProvinceAdmin, "06");

    public string DistrictOfficer058 => For(Roles.DistrictOfficer, "06/058");
}
