using System.Linq.Expressions;
using System.Reflection;

namespace RedCross.ServiceDefaults.Security;

/// <summary>Unit paths ("06/058/01834", no slashes at either end) and the one subtree test on them: a unit is within a
/// scope when its path is the scope's or starts with the scope and a slash, so "06/0581" is not within "06/058".</summary>
public static class OrgPath
{
    public static bool IsWithin(string path, string scope) =>
        path == scope || path.StartsWith(scope + "/", StringComparison.Ordinal);

    /// <summary>The paths of the units above <paramref name="path"/>, nearest last ("06", "06/058" for "06/058/01834").</summary>
    public static IReadOnlyList<string> Ancestors(string path)
    {
        var segments = path.Split('/');
        return [.. Enumerable.Range(1, segments.Length - 1).Select(n => string.Join('/', segments[..n]))];
    }

    /// <summary>The same test as <see cref="IsWithin"/> as a query filter a database can run (an equality or a LIKE
    /// prefix on the path's index); all rows when <paramref name="scope"/> is null. With <paramref name="orAbove"/>,
    /// the rows of the units above the scope as well.</summary>
    public static IQueryable<T> Within<T>(IQueryable<T> rows, Expression<Func<T, string>> path, string? scope, bool orAbove = false)
    {
        if (scope is null)
        {
            return rows;
        }

        // Read through a closure object, as a lambda capturing locals would be: the database sees parameters, so one
        // query plan serves every scope.
        var bound = Expression.Constant(new Scope(scope, scope + "/", orAbove ? Ancestors(scope) : []));
        var test = Expression.OrElse(
            Expression.Equal(path.Body, Expression.Property(bound, nameof(Scope.Path))),
            Expression.Call(path.Body, StartsWith, Expression.Property(bound, nameof(Scope.Prefix))));
        if (orAbove)
        {
            test = Expression.OrElse(test, Expression.Call(Contains, Expression.Property(bound, nameof(Scope.Above)), path.Body));
        }

        return rows.Where(Expression.Lambda<Func<T, bool>>(test, path.Parameters));
    }

    /// <summary><paramref name="predicate"/> with each <see cref="IsWithin"/> call in it spelled as the database runs
    /// it (an equality or a prefix test), for a scope that is a column of the query, such as each tier's issuer's unit,
    /// where <see cref="Within{T}"/> takes one value. A query cannot call <see cref="IsWithin"/> itself: EF Core does
    /// not translate a method of ours, and would read every row to test it in memory or refuse.</summary>
    public static Expression<Func<T, bool>> InQuery<T>(Expression<Func<T, bool>> predicate) =>
        (Expression<Func<T, bool>>)new IsWithinSpelled().Visit(predicate);

    private static readonly MethodInfo IsWithinMethod = typeof(OrgPath).GetMethod(nameof(IsWithin))!;

    private static readonly MethodInfo Concat = typeof(string).GetMethod(nameof(string.Concat), [typeof(string), typeof(string)])!;

    private static readonly MethodInfo StartsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;

    private static readonly MethodInfo Contains = typeof(Enumerable).GetMethods()
        .Single(m => m.Name == nameof(Enumerable.Contains) && m.GetParameters().Length == 2).MakeGenericMethod(typeof(string));

    /// <summary>Rewrites <c>IsWithin(path, scope)</c> into <c>path == scope || path.StartsWith(scope + "/")</c>, the test
    /// <see cref="IsWithin"/> makes.</summary>
    private sealed class IsWithinSpelled : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method != IsWithinMethod)
            {
                return base.VisitMethodCall(node);
            }

            var path = Visit(node.Arguments[0]);
            var scope = Visit(node.Arguments[1]);
            return Expression.OrElse(
                Expression.Equal(path, scope),
                Expression.Call(path, StartsWith, Expression.Call(Concat, scope, Expression.Constant("/"))));
        }
    }

    private sealed record Scope(string Path, string Prefix, IReadOnlyList<string> Above);
}
