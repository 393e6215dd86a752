namespace RedCross.Import;

/// <summary>The file as a whole cannot be imported (over a limit, no usable header, an unreadable
/// encoding); the message says which and what to do. Nothing of it should be applied.</summary>
public sealed class ImportFileException(string message) : Exception(message);
