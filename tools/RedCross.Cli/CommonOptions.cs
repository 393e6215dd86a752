using System.CommandLine;

namespace RedCross.Cli;

/// <summary>Options shared by many commands. <see cref="Server"/> and <see cref="Data"/> are recursive
/// (given once on the root, they apply to every command, before or after its name).</summary>
internal static class CommonOptions
{
    public static readonly Option<string?> Server = new("--server")
    {
        Description = $"gRPC address of the monolith or gateway, http:// or https:// (default: the one saved by `rc login`, else {Session.DefaultServer})",
        Recursive = true,
    };

    public static readonly Option<string?> Data = new("--data")
    {
        Description = "Data folder holding rc-session.json and, beside a monolith, its identity keys (default: $RC_DATA, else the monolith's)",
        Recursive = true,
    };

    /// <summary>A new `--output` for a listing command (an option belongs to one command).</summary>
    public static Option<OutputFormat> Output() => new("--output", "-o")
    {
        Description = "table for people (tab-separated when redirected), json or csv for programs, xlsx for Excel (redirect it to a file: > list.xlsx)",
        DefaultValueFactory = _ => OutputFormat.Table,
    };
}
