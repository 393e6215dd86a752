using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RedCross.Membership.Domain;
using RedCross.Messaging;

namespace RedCross.Membership.Data;

/// <summary>Loads the org tree from the reference data file on first start (an empty tree), emitting
/// OrgUnitCreated for each unit so every replica learns the tree the ordinary way.</summary>
internal sealed class ReferenceData(IServiceProvider services, MembershipSettings settings, TimeProvider clock, ILogger<ReferenceData> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MembershipDb>();
        if (await db.WriteAsync((db, ct) => LoadAsync(db, ct), cancellationToken) is { } loaded)
        {
            logger.LogInformation("Loaded {Count} org units from {File}", loaded, settings.ReferenceDataFile);
        }
    }

    /// <summary>Adds every unit of the file with its event, or nothing when the tree holds units already (then null).</summary>
    private async Task<int?> LoadAsync(MembershipDb db, CancellationToken cancellationToken)
    {
        if (await db.OrgUnits.AnyAsync(cancellationToken))
        {
            return null;
        }

        var file = JsonSerializer.Deserialize<ReferenceFile>(await File.ReadAllTextAsync(settings.ReferenceDataFile, cancellationToken), EventTypeRegistry.Json)
            ?? throw new InvalidOperationException($"Reference data file '{settings.ReferenceDataFile}' is empty.");
        var paths = new Dictionary<string, string>();
        foreach (var entry in file.OrgUnits)
        {
            var path = entry.ParentCode is null ? entry.Code : paths[entry.ParentCode] + "/" + entry.Code;
            paths[entry.Code] = path;
            var unit = new OrgUnit
            {
                Code = entry.Code,
                Name = entry.Name,
                Level = OrgLevels.ByName[entry.Level],
                ParentCode = entry.ParentCode,
                Path = path,
                AdminAreaCode = entry.AdminAreaCode,
                ValidFrom = entry.ValidFrom,
                ValidTo = entry.ValidTo,
                Names = [new OrgUnitName(entry.ValidFrom, entry.Name, OrgLevels.ByName[entry.Level])],
                Version = 1,
            };
            db.OrgUnits.Add(unit);
            db.AddEvent(IntegrationEvents.Created(unit, clock.GetUtcNow()));
        }

        return file.OrgUnits.Count;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private sealed record ReferenceFile(List<ReferenceUnit> OrgUnits);

    private sealed record ReferenceUnit(string Code, string Name, string Level, string? ParentCode, string? AdminAreaCode, DateOnly ValidFrom, DateOnly? ValidTo);
}

/// <summary>Where the module's data files are (`Membership:ReferenceDataFile`, `Membership:DuesRulesFile`).</summary>
internal sealed record MembershipSettings(string ReferenceDataFile, string DuesRulesFile);
