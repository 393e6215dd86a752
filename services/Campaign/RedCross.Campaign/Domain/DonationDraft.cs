namespace RedCross.Campaign.Domain;

/// <summary>A donation as given, checked for form: the component, the volume in ml, the day and the weight measured
/// then (tenths of a kg; null when not weighed, so the donor's last weight stands).</summary>
internal sealed record DonationDraft(string Component, int VolumeMl, DateOnly DonatedOn, int? WeightTenthsKg);
