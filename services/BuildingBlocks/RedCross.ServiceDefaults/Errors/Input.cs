using System.Globalization;
using System.Text;

namespace RedCross.ServiceDefaults.Errors;

/// <summary>Collects every field violation of a request, then throws them together, so a caller fixes
/// all of them in one round.</summary>
public sealed class Input
{
    private readonly List<FieldViolation> violations = [];
    private readonly DateOnly? today;

    /// <summary>For requests with no rule about today's date.</summary>
    public Input()
    {
    }

    /// <summary>For requests whose dates are checked against today: the caller's injected clock says which day it is.</summary>
    public Input(DateOnly today) => this.today = today;

    /// <summary>The Vietnam-local date that "not in the future" and default dates are measured against.</summary>
    public DateOnly Today => today ?? throw new InvalidOperationException("This Input was made without today's date: pass clock.VietnamToday().");

    public bool IsValid => violations.Count == 0;

    public IReadOnlyList<FieldViolation> Violations => violations;

    public void Fail(string field, string description) => violations.Add(new FieldViolation(field, description));

    /// <summary>Trims, normalises to NFC and checks length; returns null when invalid or (if optional) empty.</summary>
    public string? Text(string field, string? value, int max, bool required = true)
    {
        var text = (value ?? string.Empty).Trim();
        if (text.Length == 0)
        {
            if (required)
            {
                Fail(field, "is required");
            }

            return null;
        }

        if (text.Length > max)
        {
            Fail(field, $"must be at most {max} characters");
            return null;
        }

        if (text.Any(char.IsControl))
        {
            Fail(field, "must not contain control characters");
            return null;
        }

        return text.Normalize(NormalizationForm.FormC);
    }

    /// <summary>Parses an ISO calendar date (YYYY-MM-DD); empty gives <paramref name="fallback"/>.</summary>
    public DateOnly? Date(string field, string? value, DateOnly? fallback = null)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (fallback is null)
            {
                Fail(field, "is required (YYYY-MM-DD)");
            }

            return fallback;
        }

        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Fail(field, "must be a date written YYYY-MM-DD");
        return null;
    }

    public DateOnly? NotFuture(string field, DateOnly? date)
    {
        if (date is { } d && d > Today)
        {
            Fail(field, "must not be in the future");
            return null;
        }

        return date;
    }

    public T? OneOf<T>(string field, string? value, IReadOnlyDictionary<string, T> allowed, T? fallback = null)
        where T : struct
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (fallback is null)
            {
                Fail(field, "is required: one of " + string.Join(", ", allowed.Keys));
            }

            return fallback;
        }

        if (allowed.TryGetValue(value.Trim().ToLowerInvariant(), out var parsed))
        {
            return parsed;
        }

        Fail(field, "must be one of " + string.Join(", ", allowed.Keys));
        return null;
    }

    public string? OneOf(string field, string? value, IReadOnlyDictionary<string, string> allowed)
    {
        if (!string.IsNullOrWhiteSpace(value) && allowed.TryGetValue(value.Trim().ToLowerInvariant(), out var parsed))
        {
            return parsed;
        }

        Fail(field, "must be one of " + string.Join(", ", allowed.Keys));
        return null;
    }

    public Guid? Id(string field, string? value, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Fail(field, "is required");
            }

            return null;
        }

        if (Guid.TryParse(value, out var id))
        {
            return id;
        }

        Fail(field, "must be a UUID");
        return null;
    }

    public long Range(string field, long value, long min, long max)
    {
        if (value < min || value > max)
        {
            Fail(field, $"must be between {min} and {max}");
        }

        return value;
    }

    public int PageSize(int value, int fallback = 50, int max = 1000)
    {
        if (value < 0)
        {
            Fail("page_size", "must not be negative");
            return fallback;
        }

        return value == 0 ? fallback : Math.Min(value, max);
    }

    /// <summary>Reads an opaque page token made by <see cref="EncodePageToken"/>; null for the first page.</summary>
    public string? PageToken(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException)
        {
            Fail("page_token", "is not a token this service issued");
            return null;
        }
    }

    public static string EncodePageToken(string position) => Convert.ToBase64String(Encoding.UTF8.GetBytes(position));

    public void ThrowIfInvalid()
    {
        if (violations.Count > 0)
        {
            throw new ValidationFailedException(violations);
        }
    }
}

/// <summary>Activity dates are Vietnam-local calendar dates (UTC+7, no daylight saving).</summary>
public static class VietnamTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    /// <summary>The Vietnam-local calendar date now, on <paramref name="clock"/>.</summary>
    public static DateOnly VietnamToday(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(Offset).DateTime);
}
