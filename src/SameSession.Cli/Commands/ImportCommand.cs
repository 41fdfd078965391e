using System.CommandLine;
using SameSession.Core.Operations.Import;
using SameSession.Core.Crypto.Age;
using SameSession.Core.Porting;
using SameSession.Core.Porting.Acpx;
using SameSession.Core.Sessions;

namespace SameSession.Cli.Commands;

/// <summary>`samesession import`: the CLI twin of Import-AgentSession.</summary>
internal sealed class ImportCommand : ICliCommand
{
    public Command Create()
    {
        var paths = new Argument<string[]>("path") { Description = "Capsule files, or acpx session archives (acpx <agent> sessions export).", Arity = ArgumentArity.OneOrMore };
        var identity = CliKeys.Identity();
        var passphraseFile = CliKeys.PassphraseFile();
        var destination = new Option<string?>("--destination", "-d") { Description = "The directory the session belongs to here (default: its directory re-rooted under your home)." };
        var newId = new Option<bool>("--new-id") { Description = "Install as a fork under a fresh native id." };
        var force = CliOptions.Force();
        var json = CliOptions.Json();
        var whatIf = CliOptions.WhatIf();
        var cmd = new Command("import", "Verify capsules and install their sessions here (the CLI twin of Import-AgentSession).")
        {
            paths, identity, passphraseFile, destination, newId, force, json, whatIf,
        };
        cmd.SetAction(pr => CliRunner.Run(pr.GetValue(json), () =>
        {
            var env = AgentEnvironment.Current;
            var identities = new Lazy<IReadOnlyList<IAgeIdentity>>(() => CapsuleKeys.Identities(env, pr.GetValue(identity), CliKeys.ReadPassphrase(pr.GetValue(passphraseFile))));
            var op = new ImportOperation(Porters.Installers, env, new CliObserver(Console.Error, pr.GetValue(whatIf)));
            var dest = pr.GetValue(destination) is { } d ? Path.GetFullPath(env.ExpandHome(d)) : null;
            return pr.GetValue(paths)!.Select(Path.GetFullPath)
                .Select(p => op.Run(new ImportRequest(p, AcpxArchiveImport.NeedsNoKey(p) ? [] : identities.Value, dest, pr.GetValue(force), pr.GetValue(newId))))
                .OfType<ImportResult>().ToList();
        }, (results, o) =>
        {
            foreach (var r in results)
                o.WriteLine($"{r.Provider} {r.Id} {(r.Changed ? "installed in" : "already present in")} {r.Cwd}{(r.Backup is null ? "" : $" (previous copy kept in {r.Backup})")}");
        }));
        return cmd;
    }
}
