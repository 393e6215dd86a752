using System.CommandLine;
using RedCross.Contracts.Relief.V1;
using RedCross.Import;

namespace RedCross.Cli;

/// <summary>`rc beneficiaries ...`: import a district's beneficiary list.</summary>
internal static class BeneficiariesCommands
{
    public static Command Create() => new("beneficiaries", "Beneficiaries (đối tượng) of the units you may act in") { Import() };

    private static Command Import()
    {
        var file = new Argument<FileInfo>("file") { Description = "CSV with a header: full_name, birth_date, categories, org_unit, and optionally kind, household_size, sex, national_id, phone, address, registered_on (the day the list was drawn up; empty for today), confirm_different_person" };
        file.AcceptExistingOnly();
        var encoding = new Option<string?>("--encoding") { Description = "utf-8, utf-16, utf-16BE or windows-1258 (default: detected)" };
        var command = new Command("import", "Stream a CSV of beneficiaries to the server, with a progress bar and a per-row error summary; rows already registered change nothing") { file, encoding };
        command.SetAction(async (args, ct) =>
        {
            var path = args.GetRequiredValue(file).FullName;
            var options = new ImportOptions
            {
                Columns = BeneficiaryRows.Columns,
                Encoding = args.GetValue(encoding) is { } name ? ImportEncodings.FromName(name) : null,
            };
            using var channel = Session.Load(args).Channel();
            var client = new Beneficiaries.BeneficiariesClient(channel);
            return await FileImport.RunAsync(path, options, () => client.ImportBeneficiaries(cancellationToken: ct), BeneficiaryRows.ToImport,
                r => new ImportSummary(r.RowsReceived, r.Created, r.Duplicates, r.Failed, r.Errors.Select(e => new ImportError(e.RowNumber, e.Field, e.Reason))), ct);
        });
        return command;
    }
}
