using RedCross.ServiceDefaults.Security;

namespace RedCross.Testing;

/// <summary>Mints tokens with a deployment's key file, as `rc login` does.</summary>
public sealed class Tokens(string dataDirectoryOrKeyFile)
{
    private byte[] Key => LocalTokens.LoadOrCreateKey(
        dataDirectoryOrKeyFile.EndsWith(".key", StringComparison.Ordinal) ? dataDirectoryOrKeyFile : LocalTokens.KeyFile(dataDirectoryOrKeyFile));

    /// <summary>A token whose subject names the role and unit, so officers of two units are two callers.</summary>
    public string For(string role, string orgPath, TimeSpan? lifetime = null, DateTime? now = null, params string[] scopes) =>
        LocalTokens.Mint(Key, $"test-{role}@{orgPath}", role, orgPath, lifetime ?? TimeSpan.FromHours(1), scopes, now: now);

    /// <summary>The signing key, for tests that forge tokens the way an attacker would.</summary>
    public byte[] SigningKey => Key;

    public string ProvinceAdmin => For(Roles.ProvinceAdmin, "06");

    public string DistrictOfficer058 => For(Roles.DistrictOfficer, "06/058");
}
