using System.CommandLine;
using RedCross.Contracts.Reporting.V1;
using Spectre.Console;

namespace RedCross.Cli;

/// <summary>`rc admin ...`: operators' commands (province admin). Add a command here as another
/// private factory and list it in <see cref="Create"/>.</summary>
internal static class AdminCommands
{
    public static Command Create() => new("admin", "Operators' commands (province_admin)") { RebuildReports() };

    private static Command RebuildReports()
    {
        var command = new Command("rebuild-reports", "Replay membership's event log into reporting (writes go on meanwhile)");
        command.SetAction(async (args, ct) =>
        {
            using var channel = Session.Load(args).Channel();
            var result = await AnsiConsole.Status().StartAsync("Rebuilding reporting projections…", async _ =>
                await new ReportingAdmin.ReportingAdminClient(channel).RebuildProjectionsAsync(new RebuildProjectionsRequest(), deadline: DateTime.UtcNow.AddHours(1), cancellationToken: ct));
            AnsiConsole.MarkupLineInterpolated($"Replayed {result.EventsReplayed} events; membership log position {result.Positions.GetValueOrDefault("membership")}.");
            return ExitCodes.Done;
        });
        return command;
    }
}
