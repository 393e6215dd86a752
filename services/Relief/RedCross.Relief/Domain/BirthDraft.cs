using RedCross.ServiceDefaults.Errors;

namespace RedCross.Relief.Domain;

/// <summary>A calf as RecordBirth was asked to record it, checked: its mother, its tag, its sex and the day it was born
/// (not in the future). Whether the mother may calve then is <see cref="LivestockAnimal.EnsureCanCalve"/>'s to say.</summary>
internal sealed record BirthDraft(Guid MotherId, string Tag, string Sex, DateOnly BornOn)
{
    public static BirthDraft? Check(Input input, string motherId, string calfTag, string sex, string bornOn)
    {
        var mother = input.Id("mother_id", motherId);
        var tag = input.Text("calf_tag", calfTag, 40);
        var s = input.OneOf("sex", sex, LivestockSexes.OfAnimal);
        var born = input.NotFuture("born_on", input.Date("born_on", bornOn));
        return input.IsValid ? new BirthDraft(mother!.Value, tag!, s!, born!.Value) : null;
    }
}
