using RedCross.ServiceDefaults.Errors;

namespace RedCross.Membership.Domain;

/// <summary>A registration checked field by field. Register and import share it, so a row is refused
/// for exactly the reasons a single registration would be.</summary>
internal sealed record MemberDraft(
    string FullName, DateOnly BirthDate, string Sex, string? NationalId, string? Phone, string? Address,
    string OrgUnitCode, DateOnly JoinedDate, bool Volunteer)
{
    public const int MaxNameLength = 200;

    public static readonly IReadOnlyDictionary<string, string> Sexes =
        new Dictionary<string, string> { ["male"] = "male", ["female"] = "female", ["other"] = "other" };

    private static readonly DateOnly Earliest = new(1900, 1, 1);

    public static MemberDraft? Check(Input input, string? fullName, string? birthDate, string? sex, string? nationalId,
        string? phone, string? address, string? orgUnit, string? joinedDate, bool volunteer)
    {
        var name = CheckName(input, "full_name", fullName);
        var birth = CheckBirthDate(input, "birth_date", birthDate);
        var sexValue = CheckSex(input, "sex", sex);
        var id = CheckNationalId(input, "national_id", nationalId);
        var phoneValue = CheckPhone(input, "phone", phone);
        var addressValue = input.Text("address", address, 500, required: false);
        var unit = input.Text("org_unit", orgUnit, 20);
        var joined = input.NotFuture("joined_date", input.Date("joined_date", joinedDate, input.Today));
        if (birth is { } b && joined is { } j && j < b)
        {
            input.Fail("joined_date", "must not be before the birth date");
        }

        return input.IsValid
            ? new MemberDraft(name!, birth!.Value, sexValue!, id, phoneValue, addressValue, unit!, joined!.Value, volunteer)
            : null;
    }

    public static string? CheckName(Input input, string field, string? value)
    {
        var name = input.Text(field, value, MaxNameLength);
        if (name is not null && (!name.Any(char.IsLetter) || name.Any(char.IsDigit)))
        {
            input.Fail(field, "must be a person's name: letters, spaces, '-' and '''");
            return null;
        }

        return name is null ? null : string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    public static DateOnly? CheckBirthDate(Input input, string field, string? value)
    {
        var birth = input.NotFuture(field, input.Date(field, value));
        if (birth is { } b && b < Earliest)
        {
            input.Fail(field, "must be in 1900 or later");
            return null;
        }

        return birth;
    }

    public static string? CheckSex(Input input, string field, string? value)
    {
        if (value is { Length: > 0 } && Sexes.TryGetValue(value.Trim().ToLowerInvariant(), out var sex))
        {
            return sex;
        }

        input.Fail(field, "must be one of male, female, other");
        return null;
    }

    /// <summary>CCCD: exactly 12 digits, optional.</summary>
    public static string? CheckNationalId(Input input, string field, string? value)
    {
        var id = value?.Trim();
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        if (id.Length != 12 || !id.All(char.IsAsciiDigit))
        {
            input.Fail(field, "must be exactly 12 digits (CCCD)");
            return null;
        }

        return id;
    }

    public static string? CheckPhone(Input input, string field, string? value)
    {
        var phone = value?.Trim();
        if (string.IsNullOrEmpty(phone))
        {
            return null;
        }

        var digits = phone.Count(char.IsAsciiDigit);
        if (digits is < 8 or > 15 || phone.Any(c => !char.IsAsciiDigit(c) && c is not ('+' or ' ' or '.' or '-')))
        {
            input.Fail(field, "must be a phone number of 8-15 digits");
            return null;
        }

        return phone;
    }

    public Member ToMember(Guid id, string orgUnitPath)
    {
        var member = new Member
        {
            Id = id,
            BirthDate = BirthDate,
            Sex = Sex,
            NationalId = NationalId,
            Phone = Phone,
            Address = Address,
            OrgUnitCode = OrgUnitCode,
            OrgUnitPath = orgUnitPath,
            JoinedDate = JoinedDate,
            Status = MemberStatus.Active,
            Volunteer = Volunteer,
            ImportKey = Member.ImportKeyOf(NationalId, FullName, BirthDate, OrgUnitCode),
            Version = 1,
        };
        member.SetName(FullName);
        return member;
    }
}
