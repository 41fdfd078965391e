using System.CommandLine;
using SameSession.Core.Porting;
using SameSession.Core.Sessions;

namespace SameSession.Cli.Commands;

/// <summary>`samesession inspect`: the CLI twin of Get-AgentCapsule.</summary>
internal sealed class InspectCommand : ICliCommand
{
    public Command Create()
    {
        var path = new Argument<string>("path") { Description = "The capsule file (a single session or a bundle)." };
        var identity = CliKeys.Identity();
        var passphraseFile = CliKeys.PassphraseFile();
        var verify = new Option<bool>("--verify") { Description = "Also read every entry and check it against the manifest." };
        var json = CliOptions.Json();
        var cmd = new Command("inspect", "Show a capsule's public header, and its manifest when your identity opens it (the CLI twin of Get-AgentCapsule).")
        {
            path, identity, passphraseFile, verify, json,
        };
        cmd.SetAction(pr => CliRunner.Run(pr.GetValue(json), static c => c.CapsuleInfo,
            () => InspectCapsule.Run(AgentEnvironment.Current, Path.GetFullPath(pr.GetValue(path)!), pr.GetValue(identity), CliKeys.ReadPassphrase(pr.GetValue(passphraseFile)), pr.GetValue(verify)),
            (info, o) =>
            {
                o.WriteLine($"{info.Path}: {info.Size} bytes, {(info.Armored ? "armored" : "binary")}, {info.RecipientTypes.Count} recipient stanza(s): {string.Join(", ", info.RecipientTypes)}");
                if (info.Bundle is { } bundle)
                {
                    o.WriteLine($"bundle of {bundle.Members.Count} session(s), made {bundle.Created:u} by {bundle.Tool.Name} {bundle.Tool.Version}{(info.Verified == true ? "; every member verified" : "")}");
                    foreach (var member in info.Members ?? [])
                    {
                        var state = member.Verified switch { true => "verified", false => $"REFUSED ({member.Error?.Id}: {member.Error?.Message})", null => "" };
                        o.WriteLine($"  {member.Provider} {member.SessionId} \"{member.Title}\": {member.Files} entries, {member.PayloadSize} bytes{(member.SourceCwd is null ? "" : $", from {member.SourceCwd}")} {state}".TrimEnd());
                    }
                    return;
                }
                if (info.Manifest is not { } m)
                {
                    o.WriteLine("manifest: not readable with your identity");
                    return;
                }
                o.WriteLine($"{m.Provider.Name} {m.Provider.Version} session {m.Session.NativeId} \"{m.Session.Title}\", made {m.Created:u} by {m.Tool.Name} {m.Tool.Version}");
                o.WriteLine($"from {m.Source.Cwd} ({m.Source.Os}); {m.Files.Count} entries, {m.TotalSize()} bytes{(info.Verified == true ? "; every entry verified" : "")}");
                foreach (var f in m.Files) o.WriteLine($"  {f.Size,10}  {f.Path}");
            }));
        return cmd;
    }
}
