using RedCross.ServiceDefaults.Errors;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Relief.Domain;

/// <summary>The no-double-registration rule: a new beneficiary is the same person as an existing one with the same
/// national ID, or with the same name (without diacritics or case), birth date and commune. A name match may be
/// overridden by a caller who checked it is someone else; a national ID match may not (one CCCD, one person). A match
/// is named (its id) only to a caller whose subtree holds it: to anyone else it is "registered elsewhere", so the rule
/// cannot be used to find out where a national ID, or a name and birth date, is registered.</summary>
internal static class BeneficiaryMatch
{
    /// <summary>The commune-level path at or above a unit (its first three segments: province/district/commune);
    /// a unit above commune level is its own "commune" for the rule.</summary>
    public static string CommunePath(string unitPath)
    {
        var segments = unitPath.Split('/');
        return segments.Length <= 3 ? unitPath : string.Join('/', segments[..3]);
    }

    public static void Refuse(Caller caller, Beneficiary? sameNationalId, Beneficiary? sameNameBirthCommune, bool confirmedDifferent)
    {
        if (sameNationalId is not null)
        {
            throw new ResourceConflictException("beneficiary.national_id", caller.CanSee(sameNationalId.OrgUnitPath)
                ? $"Beneficiary {sameNationalId.Id} has this national ID already."
                : "Số định danh này đã được đăng ký ở nơi khác / This national ID is already registered elsewhere.");
        }

        if (sameNameBirthCommune is not null && !confirmedDifferent)
        {
            // A commune's branches may be several officers' subtrees: the match may lie outside this one's.
            throw new ResourceConflictException("beneficiary.full_name", caller.CanSee(sameNameBirthCommune.OrgUnitPath)
                ? $"Beneficiary {sameNameBirthCommune.Id} has the same name, birth date and commune; set confirm_different_person if this is someone else."
                : "Người cùng tên, ngày sinh và xã đã được đăng ký ở nơi khác / Someone with the same name, birth date and commune is already registered elsewhere; set confirm_different_person if this is someone else.");
        }
    }

    /// <summary>For bulk import, where no one can be asked: a row is the same person as a name match unless the row
    /// confirms another person or both carry national IDs and they differ (then they are provably two people).</summary>
    public static bool SamePerson(string? rowNationalId, string? matchNationalId, bool confirmedDifferent) =>
        rowNationalId is not null && matchNationalId is not null ? rowNationalId == matchNationalId : !confirmedDifferent;
}
