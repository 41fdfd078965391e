using SameSession.Core.Infrastructure;

namespace SameSession.Tests.Unit.Discovery;

public sealed class DirectoryListingTests : IDisposable
{
    private readonly TempDir _tmp = new("listing");

    public void Dispose() => _tmp.Dispose();

    private static string Describe(IEnumerable<ListedEntry> entries) => string.Join("\n",
        entries.OrderBy(e => e.FullPath, StringComparer.Ordinal)
            .Select(e => $"{e.FullPath} {e.Name} dir={e.IsDirectory} {e.Size} {e.LastWriteUtc.Ticks} {e.LastWriteUtc.Kind}"));

    private string Tree()
    {
        var root = _tmp.Combine("root");
        Directory.CreateDirectory(Path.Combine(root, "sub", "deeper"));
        File.WriteAllText(Path.Combine(root, "a.jsonl"), "12345");
        File.WriteAllText(Path.Combine(root, ".hidden.json"), "x");
        File.WriteAllText(Path.Combine(root, "naïve ünï.jsonl"), "unicode");
        File.WriteAllText(Path.Combine(root, "sub", "b.txt"), new string('b', 300));
        File.WriteAllText(Path.Combine(root, "sub", "deeper", "c.jsonl"), "");
        File.SetLastWriteTimeUtc(Path.Combine(root, "a.jsonl"), new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234567));
        if (!OperatingSystem.IsWindows())
        {
            File.CreateSymbolicLink(Path.Combine(root, "link.jsonl"), Path.Combine(root, "sub", "b.txt"));
            Directory.CreateSymbolicLink(Path.Combine(root, "linked-dir"), Path.Combine(root, "sub", "deeper"));
        }
        return root;
    }

    [Fact]
    public void The_fast_listing_matches_the_runtime_enumeration()
    {
        var root = Tree();
        static bool Jsonl(ReadOnlySpan<char> n) => n.EndsWith(".jsonl", StringComparison.Ordinal);
        Assert.Equal(Describe(DirectoryListing.Managed(root, null, recurse: false, includeDirectories: true)), Describe(DirectoryListing.Read(root)));
        Assert.Equal(Describe(DirectoryListing.Managed(root, Jsonl, recurse: false, includeDirectories: true)), Describe(DirectoryListing.Read(root, Jsonl)));
        Assert.Equal(Describe(DirectoryListing.Managed(root, null, recurse: true, includeDirectories: false)), Describe(DirectoryListing.FilesBelow(root)));
        var listed = DirectoryListing.Read(root, Jsonl);
        Assert.Contains(listed, e => e.Name == "a.jsonl" && e.Size == 5 && e.LastWriteUtc == new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234567));
        Assert.Contains(listed, e => e.Name == "sub" && e.IsDirectory);
        Assert.DoesNotContain(listed, e => e.Name == "b.txt");
        if (OperatingSystem.IsLinux())
            Assert.NotNull(LinuxDirectoryListing.TryRead(root, null, recurse: true, includeDirectories: false));
    }

    [Fact]
    public void Both_listings_keep_a_folder_path_as_given()
    {
        var root = Tree();
        var asGiven = Path.Combine(root, "sub", "..") + Path.DirectorySeparatorChar + Path.DirectorySeparatorChar;
        var listed = DirectoryListing.Managed(asGiven, null, recurse: false, includeDirectories: true);
        Assert.All(listed, e => Assert.StartsWith(asGiven, e.FullPath, StringComparison.Ordinal));
        Assert.Equal(Describe(listed), Describe(DirectoryListing.Read(asGiven)));
    }

    [Fact]
    public void A_broken_link_or_a_missing_folder_is_answered_like_the_runtime_does()
    {
        var root = Tree();
        if (!OperatingSystem.IsWindows()) File.CreateSymbolicLink(Path.Combine(root, "dangling.jsonl"), Path.Combine(root, "gone"));
        Assert.Equal(Describe(DirectoryListing.Managed(root, null, recurse: false, includeDirectories: true)), Describe(DirectoryListing.Read(root)));
        Assert.Throws<DirectoryNotFoundException>(() => DirectoryListing.Read(Path.Combine(root, "missing")));
    }

    [Theory]
    [InlineData(0L, 0u, "1970-01-01T00:00:00.0000000Z")]
    [InlineData(1_782_933_577L, 123_456_789u, "2026-07-01T19:19:37.1234567Z")]
    [InlineData(253_402_300_799L, 999_999_999u, "9999-12-31T23:59:59.9999999Z")]
    [InlineData(300_000_000_000L, 0u, "9999-12-31T23:59:59.9999999Z")]
    [InlineData(long.MaxValue, 0u, "9999-12-31T23:59:59.9999999Z")]
    [InlineData(-70_000_000_000L, 0u, "0001-01-01T00:00:00.0000000Z")]
    public void File_times_outside_the_calendar_are_clamped_not_fatal(long seconds, uint nanoseconds, string expected) =>
        Assert.Equal(expected, LinuxDirectoryListing.UtcFromUnix(seconds, nanoseconds).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
}
