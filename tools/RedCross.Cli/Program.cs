using Google.Rpc;
using Grpc.Core;
using RedCross.Cli;
using Spectre.Console;

const string Usage = """
    rc: RedCross.Platform command line

      rc login --role ROLE --org CODE [--hours 8]   mint a token with the local monolith's key and keep it
      rc members import FILE.csv                    stream a CSV of members (header: full_name,birth_date,sex,
                                                    national_id,phone,address,org_unit,joined_date,volunteer)
      rc members list [--org CODE] [--query TEXT] [--status S] [--page-size N] [--all]
      rc report annual --org CODE --year N          the year's indicators as a table
      rc admin rebuild-reports                      replay membership's event log into reporting

    Every command takes --server URL (gRPC, default http://localhost:5081) and --data DIR (default: the
    monolith's data folder). Exit codes: 0 done, 1 refused by the server, 2 usage, 3 import with refused rows.
    """;

var args2 = new Args(args);
try
{
    return args2.Words switch
    {
        ["login"] => await Commands.LoginAsync(args2),
        ["members", "import", var file] => await Commands.ImportAsync(args2, file),
        ["members", "list"] => await Commands.ListAsync(args2),
        ["report", "annual"] => await Commands.AnnualReportAsync(args2),
        ["admin", "rebuild-reports"] => await Commands.RebuildAsync(args2),
        _ => throw new UsageException(args2.Words.Count == 0 ? "A command is required." : $"Unknown command '{string.Join(' ', args2.Words)}'."),
    };
}
catch (UsageException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(Usage);
    return 2;
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

    return 1;
}
catch (HttpRequestException ex)
{
    AnsiConsole.MarkupLineInterpolated($"[red]Cannot reach the server: {ex.Message}[/]");
    return 1;
}
