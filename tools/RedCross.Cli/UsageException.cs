namespace RedCross.Cli;

/// <summary>The command line or its input was wrong; printed as it is, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
