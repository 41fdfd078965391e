namespace SameSession.Surface.Rules;

/// <summary>What the manifest rule compares: the .psd1, the folder the module is laid out in, and the product version.</summary>
/// <param name="ManifestPath">The SameSession.psd1 to read.</param>
/// <param name="LayoutDirectory">The folder holding RootModule and the FormatsToProcess files (out/SameSession, or a build output).</param>
/// <param name="ExpectedVersion">Directory.Build.props' Version.</param>
public sealed record ManifestCheck(string ManifestPath, string LayoutDirectory, string ExpectedVersion);
