using SameSession.Core.Capsules;
using SameSession.Core.Capsules.Manifest;
using SameSession.Core.Capsules.Streams;
using SameSession.Core.Errors;
using SameSession.Core.Sessions;

namespace SameSession.Core.Operations.Import;

/// <summary>
/// Import-AgentSession: an acpx `sessions export` archive (a JSON file) goes to <see cref="Porting.Acpx.AcpxArchiveImport"/>; a capsule: decrypt, read the manifest, choose the target directory, stage and verify every entry, then
/// hand the staged capsule to the provider's installer. Nothing reaches the agent's store unless every hash matched.
/// </summary>
/// <param name="failureInjector">Tests only: passed to the installer's journal to simulate a crash mid-install.</param>
public sealed class ImportOperation(IEnumerable<ISessionInstaller> installers, AgentEnvironment environment, IOperationObserver observer, TimeProvider? clock = null, Relocation.Journal.IFailureInjector? failureInjector = null)
{
    private readonly Dictionary<AgentProvider, ISessionInstaller> _installers = installers.ToDictionary(i => i.Provider);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>The result, or null when ShouldProcess declined (WhatIf; the capsule was still decrypted and its manifest read). A bundle is InvalidArgument here; use <see cref="RunAll"/>.</summary>
    public ImportResult? Run(ImportRequest request) =>
        Open(request, r => r, (file, reader, path) => reader.Bundle is null
            ? ImportSingle(request, file, reader, path)
            : throw new SameSessionException(ErrorIds.InvalidArgument, $"'{path}' is a bundle of {reader.Bundle.Members.Count} sessions; import it with Import-AgentSession (samesession import), which installs each member.", path));

    /// <summary>
    /// A single capsule or a bundle: one outcome per session. Each bundle member is verified and installed on its own,
    /// all-or-nothing; a member that fails is reported with its error id and the others still go in. Declined members
    /// (WhatIf) give no outcome.
    /// </summary>
    public IReadOnlyList<ImportOutcome> RunAll(ImportRequest request) =>
        Open(request, r => r is null ? [] : [ImportOutcome.Installed(r)], (file, reader, path) => reader.Bundle is null
            ? ImportSingle(request, file, reader, path) is { } one ? [ImportOutcome.Installed(one)] : []
            : ImportBundle(request, file, reader, path));

    /// <summary>An acpx session archive goes to its own importer (<paramref name="acpx"/> shapes its result); a capsule is decrypted for <paramref name="import"/>.</summary>
    private T Open<T>(ImportRequest request, Func<ImportResult?, T> acpx, Func<HashingReadStream, CapsuleReader, string, T> import)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = Path.GetFullPath(request.Path);
        if (!File.Exists(path)) throw new SameSessionException(ErrorIds.PathNotFound, $"'{path}' does not exist.", path);
        if (Porting.Acpx.AcpxArchiveImport.IsArchive(path))
            return acpx(new Porting.Acpx.AcpxArchiveImport(environment, observer, _clock, failureInjector).Run(path, request.Destination));
        using var file = new HashingReadStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.SequentialScan));
        using var reader = CapsuleReader.Open(file, request.Identities);
        return import(file, reader, path);
    }

    private ImportResult? ImportSingle(ImportRequest request, HashingReadStream file, CapsuleReader reader, string path)
    {
        var manifest = reader.Manifest;
        var installer = InstallerFor(manifest.Provider.Name, path);
        var cwd = TargetDirectory(manifest, request.Destination);
        var key = AgentSession.FormatKey(installer.Provider, manifest.Session.NativeId);
        if (!observer.ShouldProcess(cwd, $"Import {key} from '{path}'")) return null;

        observer.Progress(new OperationProgress($"Importing {key}", "Verifying the capsule", 10));
        using var staged = reader.ExtractTo(installer.StagingParent(environment));
        var sha = Finish(file);
        return Install(installer, staged, request, cwd, sha);
    }

    private List<ImportOutcome> ImportBundle(ImportRequest request, HashingReadStream file, CapsuleReader reader, string path)
    {
        observer.Progress(new OperationProgress($"Importing {path}", "Verifying every member of the bundle", 10));
        using var bundle = reader.ReadBundle(m => _installers.TryGetValue(Enum.Parse<AgentProvider>(m.Provider), out var i) ? i.StagingParent(environment) : Path.GetTempPath());
        var sha = Finish(file);
        var outcomes = new List<ImportOutcome>();
        foreach (var member in bundle.Members)
        {
            var key = member.Member.Key;
            try
            {
                if (member.Error is not null) throw member.Error;
                var installer = InstallerFor(member.Member.Provider, path);
                var cwd = TargetDirectory(member.Manifest!, request.Destination);
                if (!observer.ShouldProcess(cwd, $"Import {key} from the bundle '{path}'")) continue;
                outcomes.Add(ImportOutcome.Installed(Install(installer, member.Staged!, request, cwd, sha)));
            }
            catch (Exception ex) when (ex is SameSessionException or IOException or UnauthorizedAccessException)
            {
                observer.Warning($"{key} from the bundle '{path}' was not imported: {ex.Message}");
                outcomes.Add(ImportOutcome.Failed(member.Member.Provider, member.Member.NativeId, ErrorReport.From(ex)));
            }
        }
        return outcomes;
    }

    private ISessionInstaller InstallerFor(string providerName, string path)
    {
        var provider = Enum.Parse<AgentProvider>(providerName);
        return _installers.TryGetValue(provider, out var installer) ? installer
            : throw new SameSessionException(ErrorIds.UnsupportedFormat, $"This build cannot install {provider} sessions ('{path}').", path);
    }

    /// <summary>Reads the capsule file to its end and gives its SHA-256 (the provenance of what was imported).</summary>
    private static string Finish(HashingReadStream file)
    {
        file.CopyTo(Stream.Null);
        return file.Sha256Hex();
    }

    private ImportResult Install(ISessionInstaller installer, StagedCapsule staged, ImportRequest request, string cwd, string sha)
    {
        var manifest = staged.Manifest;
        var key = AgentSession.FormatKey(installer.Provider, manifest.Session.NativeId);
        var provenance = new Provenance(manifest.Created, manifest.Tool.Version, manifest.Source.Cwd, manifest.Source.Os, ManifestJson.Stored(_clock.GetUtcNow()), sha);
        observer.Progress(new OperationProgress($"Importing {key}", $"Installing into {cwd}", 60));
        var newId = request.NewId ? installer.NewNativeId() : null;
        var installed = installer.Install(staged, new ImportTarget(cwd, environment, request.Force, provenance, newId, failureInjector));
        observer.Progress(new OperationProgress($"Importing {key}", "Done", 100, Completed: true));
        if (!installed.Changed) observer.Verbose($"{key} was already present and identical; nothing changed.");
        if (installed.Note is not null) observer.Warning(installed.Note);
        if (installed.Backup is not null) observer.Verbose($"{key} was updated; the replaced copy is kept in {installed.Backup}.");
        return new ImportResult(installed.Session, manifest, cwd, installed.Changed, sha, installed.Backup);
    }

    /// <summary>-Destination, else the source cwd re-rooted under this home, else the same absolute path on the same OS family.</summary>
    public string TargetDirectory(CapsuleManifest manifest, string? destination)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (destination is not null) return Path.GetFullPath(environment.ExpandHome(destination));
        if (manifest.Source.CwdRelativeToHome is { } relative)
            return relative.Length == 0 ? environment.Home : Path.Combine([environment.Home, .. relative.Split('/')]);
        var sameFlavor = manifest.Source.PathFlavor == (OperatingSystem.IsWindows() ? "windows" : "posix");
        if (sameFlavor) return manifest.Source.Cwd;
        throw new SameSessionException(ErrorIds.InvalidArgument,
            $"The session lived in '{manifest.Source.Cwd}' on {manifest.Source.Os}, outside its home; pass -Destination (--destination) to choose where it goes here.");
    }
}
