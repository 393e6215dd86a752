using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RedCross.Identity.Data;

namespace RedCross.Identity.Accounts;

/// <summary>At start (after the migrations), an identity with no account prints a one-time setup code: the only way
/// to make the first province admin (`rc users setup` or Accounts.CreateFirstAdmin).</summary>
internal sealed class FirstAdminSetup(IServiceProvider services, SetupCode setup, ILogger<FirstAdminSetup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        if (await scope.ServiceProvider.GetRequiredService<IdentityDb>().Accounts.AnyAsync(cancellationToken))
        {
            return;
        }

        var code = setup.Issue();
        logger.LogWarning(
            "No account yet. One-time setup code: {SetupCode}. Create the first province admin with "
            + "`rc users setup --code {Code} --username NAME --name \"FULL NAME\" --org 06` (or POST /api/v1/accounts:setup). A restart prints a new code.",
            code, code);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
