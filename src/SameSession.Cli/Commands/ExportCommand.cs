using System.CommandLine;
using SameSession.Core.Errors;
using SameSession.Core.Operations.Export;
using SameSession.Core.Porting;
using SameSession.Core.Sessions;

namespace SameSession.Cli.Commands;

/// <summary>`samesession export`: the CLI twin of Export-AgentSession.</summary>
internal sealed class ExportCommand : ICliCommand
{
    public Command Create()
    {
        var ids = new Argument<string[]>("id") { Description = "Session ids (wildcards allowed); with --latest, none needed.", Arity = ArgumentArity.ZeroOrMore };
        var provider = new Option<AgentProvider[]>("--provider", "-p") { Description = "Only sessions of these agents.", AllowMultipleArgumentsPerToken = true };
        var latest = new Option<bool>("--latest") { Description = "The most recently updated session." };
        var path = new Option<string>("--path", "-o") { Description = "The capsule file, or a folder (one <Provider>-<id>.capsule per session).", Required = true };
        var recipient = new Option<string[]>("--recipient", "-r") { Description = "age1… or ssh-ed25519/ssh-rsa public key; repeatable." };
        var recipientFile = new Option<string?>("--recipient-file", "-R") { Description = "A file of recipients, one a line." };
        var passphraseFile = CliKeys.PassphraseFile();
        var armor = new Option<bool>("--armor", "-a") { Description = "PEM-armored (ASCII) capsule." };
        var workspace = new Option<bool>("--include-workspace") { Description = "Also pack the session's directory (git ls-files --cached --others --exclude-standard in a repo)." };
        var allow = new Option<string[]>("--allow-secret") { Description = "Fingerprint of a secret finding allowed to travel; repeatable." };
        var redact = new Option<bool>("--redact-secrets") { Description = "Replace found secrets in the exported copy." };
        var bundle = new Option<bool>("--bundle") { Description = "All sessions into the one capsule file --path (a bundle) instead of one capsule each." };
        var format = new Option<ExportFormat>("--format") { Description = "capsule (encrypted, default) or acpx (acpx's own sessions export archive; acpx sessions only).", DefaultValueFactory = _ => ExportFormat.Capsule };
        var force = CliOptions.Force();
        var json = CliOptions.Json();
        var whatIf = CliOptions.WhatIf();
        var cmd = new Command("export", "Export sessions into encrypted capsules (the CLI twin of Export-AgentSession).")
        {
            ids, provider, latest, path, recipient, recipientFile, passphraseFile, armor, workspace, allow, redact, format, bundle, force, json, whatIf,
        };
        cmd.SetAction(pr => CliRunner.Run(pr.GetValue(json), static c => c.ListObject, () =>
        {
            var env = AgentEnvironment.Current;
            var observer = new CliObserver(Console.Error, pr.GetValue(whatIf));
            var query = new SessionQuery
            {
                Providers = pr.GetValue(provider) ?? [], Ids = pr.GetValue(ids) ?? [], Latest = pr.GetValue(latest) ? 1 : 0,
                CurrentDirectory = Environment.CurrentDirectory, IncludeArchived = true,
            };
            if (query.Ids.Count == 0 && query.Latest == 0)
                throw new SameSessionException(ErrorIds.InvalidArgument, "Name the sessions to export (ids) or use --latest.");
            var sessions = new SessionCatalog(env).Find(query, observer);
            if (sessions.Count == 0) throw new SameSessionException(ErrorIds.SessionNotFound, "No session matches; list them with `samesession list`.");
            var options = new ExportOptions(Path.GetFullPath(pr.GetValue(path)!),
                CapsuleKeys.Recipients(pr.GetValue(recipient), pr.GetValue(recipientFile), CliKeys.ReadPassphrase(pr.GetValue(passphraseFile))),
                pr.GetValue(armor), pr.GetValue(allow), pr.GetValue(redact), pr.GetValue(force), pr.GetValue(workspace), pr.GetValue(format));
            var export = new ExportSessions(env, observer, CliKeys.ToolVersion);
            if (pr.GetValue(bundle))
                return export.RunBundle(sessions, options) is { } b ? [b] : new List<object>();
            return sessions.Select(s => export.Run(s, options, sessions.Count > 1)).OfType<object>().ToList();
        }, (results, o) =>
        {
            foreach (var r in results)
            {
                if (r is ExportResult one) o.WriteLine($"{one.Manifest.Provider.Name} {one.Manifest.Session.NativeId} -> {one.Path} ({one.Size} bytes)");
                if (r is BundleExportResult b)
                    foreach (var m in b.Members) o.WriteLine($"{m.Provider.Name} {m.Session.NativeId} -> {b.Path} (bundle of {b.SessionCount}, {b.Size} bytes)");
            }
        }));
        return cmd;
    }
}
