using Grpc.Core;
using RedCross.Contracts.Reporting.V1;

namespace RedCross.Testing;

/// <summary>Reporting's indicators of a unit and period as code → value, and the wait for one of them to reach a value.</summary>
public static class IndicatorReads
{
    public static async Task<Dictionary<string, long>> IndicatorsAsync(this Reporting.ReportingClient client, string unit, string period)
    {
        var set = await client.GetIndicatorsAsync(new GetIndicatorsRequest { OrgUnit = unit, Period = period });
        return set.Indicators.ToDictionary(i => i.Code, i => i.Value);
    }

    /// <summary>Polls until <paramref name="code"/> of the unit in the period is <paramref name="value"/>. The tree reaches
    /// reporting through the bus too: until the unit is there, reporting answers NotFound, which is "not yet".</summary>
    public static Task<Dictionary<string, long>> WaitForIndicatorAsync(this Reporting.ReportingClient client, string unit, string period, string code, long value) =>
        Eventually.Until(
            async () =>
            {
                try
                {
                    return await client.IndicatorsAsync(unit, period);
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
                {
                    return [];
                }
            },
            v => v.GetValueOrDefault(code) == value, what: $"{code} of {unit} in {period} to be {value}");
}
