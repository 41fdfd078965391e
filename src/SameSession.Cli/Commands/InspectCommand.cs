using System.CommandLine;
using SameSession.Core.Porting;
using SameSession.Core.Sessions;

namespace SameSession.Cli.Commands;

/// <summary>`samesession inspect`: the CLI twin of Get-AgentCapsule.</summary>
internal sealed class InspectCommand : ICliCommand
{
    public Command Create()
    {
        var path = new Argument<string>("path") { Description = "The capsule file." };
        var identity = CliKeys.Identity();
        var passphraseFile = CliKeys.PassphraseFile();
        var verify = new Option<bool>("--verify") { Description = "Also read every entry and check it against the manifest." };
        var json = CliOptions.Json();
        var cmd = new Command("inspect", "Show a capsule's public header, and its manifest when your identity opens it (the CLI twin of Get-AgentCapsule).")
        {
            path, identity, passphraseFile, verify, json,
        };
        cmd.SetAction(pr => CliRunner.Run(pr.GetValue(json),
            () => InspectCapsule.Run(AgentEnvironment.Current, Path.GetFullPath(pr.GetValue(path)!), pr.GetValue(identity), CliKeys.ReadPassphrase(pr.GetValue(passphraseFile)), pr.GetValue(verify)),
            (info, o) =>
            {
                o.WriteLine($"{info.Path}: {info.Size} bytes, {(info.Armored ? "armored" : "binary")}, {info.RecipientTypes.Count} recipient stanza(s): {string.Join(", ", info.RecipientTypes)}");
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
