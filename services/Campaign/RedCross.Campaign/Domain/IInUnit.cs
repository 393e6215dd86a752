namespace RedCross.Campaign.Domain;

/// <summary>A record that belongs to one unit: reads are filtered to the caller's subtree by a prefix test on its path.</summary>
internal interface IInUnit
{
    string OrgUnitPath { get; }
}
