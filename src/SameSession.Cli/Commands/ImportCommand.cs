using System.CommandLine;
using SameSession.Core.Errors;
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
        cmd.SetAction(pr => CliRunner.Run(pr.GetValue(json), static c => c.ListObject, () =>
        {
            var env = AgentEnvironment.Current;
            var identities = new Lazy<IReadOnlyList<IAgeIdentity>>(() => CapsuleKeys.Identities(env, pr.GetValue(identity), CliKeys.ReadPassphrase(pr.GetValue(passphraseFile))));
            var op = new ImportOperation(Porters.Installers, env, new CliObserver(Console.Error, pr.GetValue(whatIf)));
            var dest = pr.GetValue(destination) is { } d ? Path.GetFullPath(env.ExpandHome(d)) : null;
            var request = (string p) => new ImportRequest(p, AcpxArchiveImport.NeedsNoKey(p) ? [] : identities.Value, dest, pr.GetValue(force), pr.GetValue(newId));
            // A session that went in is its ImportResult (as for a single capsule); a bundle member that did not is its outcome with the error.
            return pr.GetValue(paths)!.Select(Path.GetFullPath).SelectMany(p => op.RunAll(request(p))).Select(x => x.Result ?? (object)x).ToList();
        }, (results, o) =>
        {
            foreach (var result in results)
            {
                if (result is ImportResult r)
                    o.WriteLine($"{r.Provider} {r.Id} {(r.Changed ? "installed in" : "already present in")} {r.Cwd}{(r.Backup is null ? "" : $" (previous copy kept in {r.Backup})")}");
                else if (result is ImportOutcome { Error: { } e } failed)
                    o.WriteLine($"{failed.Provider} {failed.Id} NOT imported: {e.Message} (error id: {e.Id})");
            }
        }, ExitCode));
        return cmd;
    }

    /// <summary>0 when every session went in; a lone failure's own code; PartialFailure when some did and some did not.</summary>
    private static int ExitCode(List<object> results)
    {
        var failed = results.OfType<ImportOutcome>().ToList();
        if (failed.Count == 0) return 0;
        return failed.Count == results.Count && failed.Count == 1 ? failed[0].Error!.ExitCode : ErrorIds.PartialFailure.ExitCode;
    }
}
