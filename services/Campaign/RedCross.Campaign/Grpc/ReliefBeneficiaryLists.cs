using Grpc.Core;
using RedCross.Contracts.Relief.V1;
using RedCross.ServiceDefaults.Security;

namespace RedCross.Campaign.Grpc;

/// <summary>How long a call to relief may take in all (retries included): `Campaign:Relief:Deadline`, 5 s by default.</summary>
internal sealed record ReliefCallSettings(TimeSpan Deadline)
{
    public const string Setting = "Campaign:Relief:Deadline";

    public static readonly TimeSpan Default = TimeSpan.FromSeconds(5);
}

/// <summary>Programme lists from the relief service, read with this host's service identity (scope relief.read) for the
/// officer who draws them: their token goes along as <see cref="OnBehalfOf.Header"/>, never as the caller, and relief
/// holds the list to their subtree. The whole stream is read before anything is returned, so a list cut short is never stored;
/// the call has a deadline, and the client retries only what is safe (this read, on Unavailable, before relief sent
/// anything: see CampaignModule). Relief away or too slow is <see cref="StatusCode.Unavailable"/> for the caller.</summary>
internal sealed class ReliefBeneficiaryLists(Beneficiaries.BeneficiariesClient client, ServiceIdentity identity, ReliefCallSettings settings)
{
    public async Task<List<BeneficiaryListEntry>> DrawAsync(string orgUnit, IEnumerable<string> categories, int limit, string personToken, CancellationToken cancellationToken)
    {
        // A deadline is an instant on the wall clock gRPC sends to relief, not business time: the system clock is right here.
        var deadline = DateTime.UtcNow + settings.Deadline;
        var request = new StreamBeneficiaryListRequest { OrgUnit = orgUnit, Categories = { categories }, Limit = limit };
        try
        {
            var headers = new Metadata
            {
                { "authorization", "Bearer " + await identity.TokenAsync(cancellationToken) },
                { OnBehalfOf.Header, personToken },
            };
            using var call = client.StreamBeneficiaryList(request, new CallOptions(headers, deadline, cancellationToken));
            var list = new List<BeneficiaryListEntry>();
            await foreach (var entry in call.ResponseStream.ReadAllAsync(cancellationToken))
            {
                list.Add(entry);
            }

            return list;
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
        {
            throw new RpcException(new Status(StatusCode.Unavailable,
                $"The relief service did not deliver the list within {settings.Deadline.TotalSeconds:0.#} s ({e.StatusCode}); nothing was stored. Try again later."));
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            // Relief refused (this host's identity lacks relief.read, a unit relief does not know): not the caller's input.
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"The relief service refused the list: {e.StatusCode}. Nothing was stored."));
        }
    }
}
