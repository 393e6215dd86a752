using RedCross.ServiceDefaults.Errors;

namespace RedCross.Relief.Domain;

/// <summary>The no-double-registration rule: a new beneficiary is the same person as an existing one with the same
/// national ID, or with the same name (without diacritics or case), birth date and commune. A name match may be
/// overridden by a caller who checked it is someone else; a national ID match may not (one CCCD, one person).</summary>
internal static class BeneficiaryMatch
{
    /// <summary>The commune-level path at or above a unit (its first three segments: province/district/commune);
    /// a unit above commune level is its own "commune" for the rule.</summary>
    public static string CommunePath(string unitPath)
    {
        var segments = unitPath.Split('/');
        return segments.Length <= 3 ? unitPath : string.Join('/', segments[..3]);
    }

    public static void Refuse(Beneficiary? sameNationalId, Beneficiary? sameNameBirthCommune, bool confirmedDifferent)
    {
        if (sameNationalId is not null)
        {
            throw new ResourceConflictException("beneficiary.national_id",
                $"Beneficiary {sameNationalId.Id} has this national ID already.");
        }

        if (sameNameBirthCommune is not null && !confirmedDifferent)
        {
            throw new ResourceConflictException("beneficiary.full_name",
                $"Beneficiary {sameNameBirthCommune.Id} has the same name, birth date and commune; set confirm_different_person if this is someone else.");
        }
    }

    /// <summary>For bulk import, where no one can be asked: a row is the same person as a name match unless the row
    /// confirms another person or both carry national IDs and they differ (then they are provably two people).</summary>
    public static bool SamePerson(string? rowNationalId, string? matchNationalId, bool confirmedDifferent) =>
        rowNationalId is not null && matchNationalId is not null ? rowNationalId == matchNationalId : !confirmedDifferent;
}
