using System.CommandLine;
using SameSession.Core.Operations.Identity;
using SameSession.Core.Sessions;

namespace SameSession.Cli.Commands;

/// <summary>`samesession identity new|show`: the CLI twins of New-SameSessionIdentity and Get-SameSessionIdentity.</summary>
internal sealed class IdentityCommand : ICliCommand
{
    public Command Create() => new("identity", "Create or show your age identity (the key capsules are encrypted to).") { New(), Show() };

    private static Option<string?> PathOption() =>
        new("--path") { Description = "The identity file (default: $XDG_CONFIG_HOME/samesession/identity.txt or ~/.config/samesession/identity.txt; %APPDATA%\\samesession on Windows)." };

    private static Command New()
    {
        var json = CliOptions.Json();
        var whatIf = CliOptions.WhatIf();
        var path = PathOption();
        var cmd = new Command("new", "Create an identity file readable only by you and print its recipient. Never overwrites an existing identity.") { path, json, whatIf };
        cmd.SetAction(pr => CliRunner.Run(pr.GetValue(json), static c => c.IdentityInfo,
            () => NewIdentityOperation.Run(AgentEnvironment.Current, pr.GetValue(path), new CliObserver(Console.Error, pr.GetValue(whatIf))),
            (info, o) =>
            {
                if (info is null) return;
                Console.Error.WriteLine($"Created {info.Path} (owner-only). Keep it secret; share the recipient:");
                o.WriteLine(info.Recipient);
            }));
        return cmd;
    }

    private static Command Show()
    {
        var json = CliOptions.Json();
        var path = PathOption();
        var secret = new Option<bool>("--include-secret") { Description = "Also print the secret key. Anyone who sees it can open your capsules." };
        var cmd = new Command("show", "Print the recipient(s) of the identity file, one per line (the secret only with --include-secret).") { path, secret, json };
        cmd.SetAction(pr => CliRunner.Run(pr.GetValue(json), static c => c.IReadOnlyListIdentityInfo,
            () => GetIdentityOperation.Run(AgentEnvironment.Current, pr.GetValue(path), pr.GetValue(secret), new CliObserver(Console.Error)),
            (infos, o) =>
            {
                foreach (var i in infos)
                {
                    o.WriteLine(i.Recipient);
                    if (i.Secret is not null) o.WriteLine(i.Secret);
                }
            }));
        return cmd;
    }
}
