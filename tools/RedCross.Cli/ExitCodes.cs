namespace RedCross.Cli;

/// <summary>What `rc` returns, for scripts.</summary>
internal static class ExitCodes
{
    public const int Done = 0;
    public const int RefusedByServer = 1;
    public const int Usage = 2;
    public const int ImportHadRefusedRows = 3;
}
