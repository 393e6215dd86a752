using System.CommandLine;

namespace RedCross.Cli;

/// <summary>`rc token`: the session's current access token on stdout, renewed first when it is about to expire, for
/// scripts (`curl -H "Authorization: Bearer $(rc token)"`), as cloud CLIs print theirs.</summary>
internal static class TokenCommand
{
    public static Command Create()
    {
        var command = new Command("token", "Print a current access token (renewing it when due) for scripts");
        command.SetAction(async (args, ct) =>
        {
            Console.WriteLine(await Session.Load(args).CurrentTokenAsync(ct));
            return ExitCodes.Done;
        });
        return command;
    }
}
