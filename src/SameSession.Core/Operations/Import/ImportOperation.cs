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

    /// <summary>The result, or null when ShouldProcess declined (WhatIf; the capsule was still decrypted and its manifest read).</summary>
    public ImportResult? Run(ImportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = Path.GetFullPath(request.Path);
        if (!File.Exists(path)) throw new SameSessionException(ErrorIds.PathNotFound, $"'{path}' does not exist.", path);
        if (Porting.Acpx.AcpxArchiveImport.IsArchive(path))
            return new Porting.Acpx.AcpxArchiveImport(environment, observer, _clock, failureInjector).Run(path, request.Destination);

        using var file = new HashingReadStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.SequentialScan));
        using var reader = CapsuleReader.Open(file, request.Identities);
        var manifest = reader.Manifest;
        var provider = Enum.Parse<AgentProvider>(manifest.Provider.Name);
        if (!_installers.TryGetValue(provider, out var installer))
            throw new SameSessionException(ErrorIds.UnsupportedFormat, $"This build cannot install {provider} sessions ('{path}').", path);
        var cwd = TargetDirectory(manifest, request.Destination);
        var key = AgentSession.FormatKey(provider, manifest.Session.NativeId);
        if (!observer.ShouldProcess(cwd, $"Import {key} from '{path}'")) return null;

        observer.Progress(new OperationProgress($"Importing {key}", "Verifying the capsule", 10));
        using var staged = reader.ExtractTo(installer.StagingParent(environment));
        file.CopyTo(Stream.Null);
        var sha = file.Sha256Hex();
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
