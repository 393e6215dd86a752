using System.CommandLine;
using Google.Rpc;
using Grpc.Core;
using RedCross.Cli;
using Spectre.Console;

var root = new RootCommand("""
    rc: RedCross.Platform command line. Start with `rc login --server URL` (your account), or beside a monolith
    `rc login --role ROLE --org CODE`; every command has --help.
    Exit codes: 0 done, 1 refused by the server, 2 usage, 3 import with refused rows.
    """)
{
    CommonOptions.Server,
    CommonOptions.Data,
    LoginCommand.Create(),
    TokenCommand.Create(),
    UsersCommands.Create(),
    MembersCommands.Create(),
    BeneficiariesCommands.Create(),
    CampaignsCommands.Create(),
    DonorsCommands.Create(),
    ReportCommands.Create(),
    AwardsCommands.Create(),
    AdminCommands.Create(),
    ClientsCommands.Create(),
};
// A group (`rc members`) named without its command is a usage error, not a silent success.
foreach (var group in root.Subcommands.Where(c => c.Subcommands.Count > 0))
{
    group.SetAction(int (_) => throw new UsageException($"`rc {group.Name}` needs a command: {string.Join(", ", group.Subcommands.Select(c => c.Name))} (see --help)."));
}

root.SetAction(int (_) => throw new UsageException("A command is required (see --help)."));

var parsed = root.Parse(args);
try
{
    // Parse errors (unknown command or option, missing value) print the errors and help, then exit 2.
    var code = await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    return parsed.Errors.Count > 0 ? ExitCodes.Usage : code;
}
catch (Exception ex) when (ex is UsageException or RedCross.Import.ImportFileException)
{
    Console.Error.WriteLine(ex.Message);
    return ExitCodes.Usage;
}
catch (RpcException ex)
{
    Console.Error.WriteLine($"{ex.StatusCode}: {ex.Status.Detail}");
    if (ex.GetRpcStatus()?.GetDetail<BadRequest>() is { } bad)
    {
        foreach (var v in bad.FieldViolations)
        {
            Console.Error.WriteLine($"  {v.Field}: {v.Description}");
        }
    }

    if (ex.GetRpcStatus()?.GetDetail<ErrorInfo>() is { } info)
    {
        Console.Error.WriteLine($"  reason: {info.Reason}");
    }

    return ExitCodes.RefusedByServer;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("Cancelled.");
    return ExitCodes.RefusedByServer;
}
catch (HttpRequestException ex)
{
    AnsiConsole.MarkupLineInterpolated($"[red]Cannot reach the server: {ex.Message}[/]");
    return ExitCodes.RefusedByServer;
}
