using System.Text.Json;
using RedCross.Contracts.Events;

namespace RedCross.Messaging;

/// <summary>The explicit list of event types a process knows, by their stable names. The outbox stores
/// the name; the relay and rebuilds turn it back into a type only through here, so an event type
/// nobody registered is an error, not a guess.</summary>
public sealed class EventTypeRegistry
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Dictionary<string, Type> byName = new(StringComparer.Ordinal);

    public EventTypeRegistry(IEnumerable<EventTypeRegistration> registrations)
    {
        foreach (var type in registrations.SelectMany(r => r.Types))
        {
            byName.TryAdd(NameOf(type), type);
        }
    }

    public static string NameOf(Type type) => type.Name;

    public Type Resolve(string name) =>
        byName.TryGetValue(name, out var type) ? type : throw new InvalidOperationException($"Event type '{name}' is not registered.");

    public IIntegrationEvent Deserialize(string name, string payload) =>
        (IIntegrationEvent)(JsonSerializer.Deserialize(payload, Resolve(name), Json)
            ?? throw new InvalidOperationException($"Empty payload for '{name}'."));

    public static string Serialize(IIntegrationEvent evt) => JsonSerializer.Serialize(evt, evt.GetType(), Json);
}

/// <summary>One module's contribution to the registry.</summary>
public sealed record EventTypeRegistration(IReadOnlyList<Type> Types);
