namespace RedCross.Cli;

/// <summary>Parsed command line: positional words and --name value options.</summary>
internal sealed class Args
{
    private readonly Dictionary<string, string> options = new(StringComparer.OrdinalIgnoreCase);

    public Args(string[] argv)
    {
        for (var i = 0; i < argv.Length; i++)
        {
            if (argv[i].StartsWith("--", StringComparison.Ordinal))
            {
                var name = argv[i][2..];
                var eq = name.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0)
                {
                    options[name[..eq]] = name[(eq + 1)..];
                }
                else if (i + 1 < argv.Length && !argv[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    options[name] = argv[++i];
                }
                else
                {
                    options[name] = "true";
                }
            }
            else
            {
                Words.Add(argv[i]);
            }
        }
    }

    public List<string> Words { get; } = [];

    public string? this[string name] => options.GetValueOrDefault(name);

    public string Require(string name) =>
        this[name] is { Length: > 0 } value ? value : throw new UsageException($"--{name} is required.");

    public int Int(string name, int fallback) =>
        this[name] is null ? fallback : int.TryParse(this[name], out var v) ? v : throw new UsageException($"--{name} must be a number.");
}

/// <summary>The command line was wrong; printed with the usage, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
