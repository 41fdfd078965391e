using SameSession.Core.Relocation;

namespace SameSession.Tests.Unit.Relocation;

public class PathMapTests
{
    [Theory]
    [InlineData("/home/u/src/proj", "/home/u/code/proj")]
    [InlineData("/home/u/src", "/home/u/code")]
    [InlineData("/home/u/src/", "/home/u/code/")]
    [InlineData("/home/u/src/a/b.txt", "/home/u/code/a/b.txt")]
    public void Keeps_the_sub_path(string input, string expected) =>
        Assert.Equal(expected, PathMap.Of("/home/u/src", "/home/u/code").Map(input));

    [Theory]
    [InlineData("/home/u/srcx")]
    [InlineData("/home/u/sr")]
    [InlineData("/other/home/u/src")]
    [InlineData("/HOME/u/src")]
    public void Never_matches_a_partial_segment_or_another_case_on_linux(string input)
    {
        var map = new PathMap().Add("/home/u/src", "/x", PathStyle.Linux, PathStyle.Linux);
        Assert.False(map.TryMap(input, out var mapped));
        Assert.Equal(input, mapped);
    }

    [Fact]
    public void Longest_prefix_wins()
    {
        var map = new PathMap().Add("/src", "/a").Add("/src/proj", "/b");
        Assert.Equal("/b/x", map.Map("/src/proj/x"));
        Assert.Equal("/a/project/x", map.Map("/src/project/x"));
    }

    [Fact]
    public void Windows_matching_ignores_case_and_accepts_both_separators()
    {
        var map = new PathMap().Add(@"C:\Users\Me\src", @"D:\code");
        Assert.Equal(@"D:\code\proj\a.cs", map.Map(@"c:/users/me/SRC/proj/a.cs"));
        Assert.False(map.TryMap(@"C:\Users\Me\srcx", out _));
    }

    [Fact]
    public void MacOS_matching_ignores_case()
    {
        var map = new PathMap().Add("/Users/me/src", "/Users/me/code", PathStyle.MacOS, PathStyle.MacOS);
        Assert.Equal("/Users/me/code/Proj", map.Map("/users/ME/src/Proj"));
    }

    [Fact]
    public void Converts_separators_across_styles()
    {
        var toLinux = new PathMap().Add(@"C:\Users\me\src", "/home/me/src");
        Assert.Equal("/home/me/src/proj/a.cs", toLinux.Map(@"C:\Users\me\src\proj\a.cs"));
        var toWindows = toLinux.Inverse();
        Assert.Equal(@"C:\Users\me\src\proj\a.cs", toWindows.Map("/home/me/src/proj/a.cs"));
    }

    [Fact]
    public void Roots_map_whole_trees()
    {
        Assert.Equal("/mnt/c/x/y", PathMap.Of("/", "/mnt/c").Map("/x/y"));
        Assert.Equal("/x/y", PathMap.Of("/mnt/c", "/").Map("/mnt/c/x/y"));
        Assert.Equal(@"D:\x", new PathMap().Add(@"C:\", @"D:\").Map(@"C:\x"));
    }

    [Theory]
    [InlineData("cd /src/proj && ls", "cd /code/proj && ls")]
    [InlineData("<cwd>/src/proj</cwd>", "<cwd>/code/proj</cwd>")]
    [InlineData("see /src/proj/a.txt.", "see /code/proj/a.txt.")]
    [InlineData("in /src/proj.", "in /code/proj.")]
    [InlineData("/src/project and /x/src/proj and /src/proj.git", "/src/project and /x/src/proj and /src/proj.git")]
    [InlineData("'/src/proj'", "'/code/proj'")]
    public void Replaces_whole_paths_in_text(string text, string expected) =>
        Assert.Equal(expected, TextPathReplacer.Replace(PathMap.Of("/src/proj", "/code/proj"), text));
}
