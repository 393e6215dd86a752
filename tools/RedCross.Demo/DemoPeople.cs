using Bogus;

namespace RedCross.Demo;

/// <summary>Realistic Vietnamese people for the demo, the same ones on every run (a fixed seed): a re-run sends the
/// same requests, which the services recognise by their request ids.</summary>
internal sealed class DemoPeople
{
    private static readonly string[] MiddleNames = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Ngọc", "Quang", "Thu", "Hữu", "Xuân"];

    private readonly Faker faker = new("vi") { Random = new Randomizer(2013) };

    /// <summary>A full name in Vietnamese order (family, middle, given), with a middle name that fits the sex.</summary>
    public (string FullName, string Sex) Next()
    {
        var female = faker.Random.Bool();
        var middle = female ? faker.PickRandom("Thị", "Ngọc", "Thu", "Thanh", "Minh") : faker.PickRandom(MiddleNames.Where(m => m != "Thị" && m != "Thu"));
        var given = faker.Name.FirstName(female ? Bogus.DataSets.Name.Gender.Female : Bogus.DataSets.Name.Gender.Male);
        return ($"{faker.Name.LastName()} {middle} {given}", female ? "female" : "male");
    }

    public DateOnly BirthDate(int fromYear, int toYear) =>
        new DateOnly(fromYear, 1, 1).AddDays(faker.Random.Int(0, (toYear - fromYear) * 365));

    public DateOnly DateIn(DateOnly from, DateOnly to) => from.AddDays(faker.Random.Int(0, to.DayNumber - from.DayNumber));

    public int Between(int min, int max) => faker.Random.Int(min, max);

    public T Pick<T>(IReadOnlyList<T> items) => items[faker.Random.Int(0, items.Count - 1)];

    public string Phone() => "09" + faker.Random.ReplaceNumbers("########");
}
