using RedCross.Relief.Domain;
using RedCross.ServiceDefaults.Security;
using Proto = RedCross.Contracts.Relief.V1;

namespace RedCross.Relief.Grpc;

/// <summary>An address's commitments, ledger and reviews, oldest first.</summary>
internal sealed record AddressHistory(List<AddressCommitment> Commitments, List<AddressAssistance> Assistance, List<AddressReview> Reviews);

/// <summary>Humanitarian address ↔ contract mapping.</summary>
internal static class AddressMapping
{
    /// <summary>Every path that returns an address comes through here, so phone, address and situation are masked in
    /// one place for callers who may not read personal data, as beneficiaries are (<see cref="Mapping"/>). The
    /// situation is free text that may name people or health details, so it is masked whole; the needs are published.</summary>
    public static Proto.HumanitarianAddress ToProto(this HumanitarianAddress a, Caller caller, AddressHistory? history)
    {
        var personal = caller.Can(Permission.ReadPersonalData);
        var proto = new Proto.HumanitarianAddress
        {
            Id = a.Id.ToString(),
            OrgUnit = a.OrgUnitCode,
            BeneficiaryId = a.BeneficiaryId?.ToString() ?? string.Empty,
            DisplayName = a.DisplayName,
            Phone = personal ? a.Phone ?? string.Empty : Mapping.Mask(a.Phone),
            Address = personal ? a.Address ?? string.Empty : Whole(a.Address),
            Situation = personal ? a.Situation : Whole(a.Situation),
            Needs = a.Needs,
            OpenedOn = a.OpenedOn.Iso(),
            ReviewIntervalMonths = a.ReviewIntervalMonths,
            DueOn = a.DueOn?.Iso() ?? string.Empty,
            LastReviewedOn = a.LastReviewedOn?.Iso() ?? string.Empty,
            Status = a.Status,
            ClosedOn = a.ClosedOn?.Iso() ?? string.Empty,
            CloseReason = a.CloseReason ?? string.Empty,
            Etag = a.ETag,
        };
        if (history is not null)
        {
            proto.Commitments.AddRange(history.Commitments.Select(c => new Proto.SponsorCommitment
            {
                Id = c.Id.ToString(), SponsorId = c.SponsorId.ToString(), What = c.What, FromDate = c.FromDate.Iso(), UntilDate = c.UntilDate?.Iso() ?? string.Empty,
            }));
            proto.Assistance.AddRange(history.Assistance.Select(e => new Proto.AssistanceEntry
            {
                Id = e.Id.ToString(), OnDate = e.OnDate.Iso(), Kind = e.Kind, ValueVnd = e.ValueVnd, Note = personal ? e.Note ?? string.Empty : Whole(e.Note),
            }));
            proto.Reviews.AddRange(history.Reviews.Select(r => new Proto.AddressReview
            {
                Id = r.Id.ToString(), ReviewedOn = r.ReviewedOn.Iso(), Outcome = r.Outcome, Note = personal ? r.Note ?? string.Empty : Whole(r.Note),
                NextDueOn = r.NextDueOn?.Iso() ?? string.Empty,
            }));
        }

        return proto;
    }

    private static string Whole(string? value) => string.IsNullOrEmpty(value) ? string.Empty : "***";
}
