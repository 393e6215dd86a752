using RedCross.System.Tests.Infrastructure;
using Xunit;

namespace RedCross.System.Tests.Faults;

/// <summary>The fault tests share a deployment of their own: they stop its broker and kill its processes, which
/// must not disturb the other system tests. They run one after another, each counting in its own year.</summary>
[CollectionDefinition(Name)]
public sealed class FaultsCollection : ICollectionFixture<Platform>
{
    public const string Name = "faults";
}
