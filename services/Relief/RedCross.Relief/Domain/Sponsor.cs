using RedCross.OrgReplica;
using RedCross.ServiceDefaults.Data;

namespace RedCross.Relief.Domain;

/// <summary>An organisation or individual who gives (nhà tài trợ), dealt with by one unit.</summary>
internal sealed class Sponsor : IResource, IVersioned
{
    public static readonly IReadOnlyDictionary<string, string> Kinds = new Dictionary<string, string> { ["organisation"] = "organisation", ["individual"] = "individual" };

    public Guid Id { get; set; }

    public string Kind { get; set; } = string.Empty;

    public string DisplayName { get; set; } = string.Empty;

    public string OrgUnitCode { get; set; } = string.Empty;

    public string OrgUnitPath { get; set; } = string.Empty;

    public int Version { get; set; }

    public string ETag => RedCross.ServiceDefaults.Data.ETag.Of(this);
}
