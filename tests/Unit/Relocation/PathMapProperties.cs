using FsCheck;
using FsCheck.Fluent;
using SameSession.Core.Relocation;

namespace SameSession.Tests.Unit.Relocation;

public class PathMapProperties
{
    private static readonly Gen<string> Segment =
        Gen.Elements("a", "b", "src", "proj", "project", "Proj", "x_y", "x-y", "x.y", "déjà", "日本", "a b", ".hidden")
            .SelectMany(a => Gen.Elements("", "1", "z", ".txt"), (a, b) => a + b);

    private static readonly Gen<string[]> Segments = Gen.ArrayOf(Segment).Where(s => s.Length is > 0 and < 8);

    private static string Join(PathStyle style, string root, IEnumerable<string> segs) =>
        root.TrimEnd('/', '\\') + style.Separator() + string.Join(style.Separator(), segs);

    private static readonly Gen<(PathStyle Style, string Root)> Roots = Gen.Elements(
        (PathStyle.Linux, "/home/u/src"), (PathStyle.Linux, "/"), (PathStyle.MacOS, "/Users/me/Work"),
        (PathStyle.Windows, @"C:\Users\me\src"), (PathStyle.Windows, @"D:\"), (PathStyle.Windows, @"\\server\share\repo"));

    [Fact]
    public void Map_then_inverse_is_identity() => Check.One(Config.QuickThrowOnFailure.WithMaxTest(300),
        Prop.ForAll(Roots.ToArbitrary(), Roots.ToArbitrary(), Segments.ToArbitrary(), (from, to, segs) =>
        {
            var map = new PathMap().Add(from.Root, to.Root, from.Style, to.Style);
            var path = Join(from.Style, from.Root, segs);
            return map.TryMap(path, out var mapped) && map.Inverse().Map(mapped) == path;
        }));

    [Fact]
    public void Sub_path_is_preserved() => Check.One(Config.QuickThrowOnFailure.WithMaxTest(300),
        Prop.ForAll(Roots.ToArbitrary(), Roots.ToArbitrary(), Segments.ToArbitrary(), (from, to, segs) =>
        {
            var map = new PathMap().Add(from.Root, to.Root, from.Style, to.Style);
            var mapped = map.Map(Join(from.Style, from.Root, segs));
            return mapped == Join(to.Style, to.Root, segs);
        }));

    [Fact]
    public void Never_matches_a_partial_last_segment() => Check.One(Config.QuickThrowOnFailure.WithMaxTest(300),
        Prop.ForAll(Segments.ToArbitrary(), Gen.Elements("x", "1", "_", "-", ".git").ToArbitrary(), (segs, suffix) =>
        {
            var root = "/r/" + string.Join('/', segs);
            var map = new PathMap().Add(root, "/dest", PathStyle.Linux, PathStyle.Linux);
            return !map.TryMap(root + suffix, out _) && !map.TryMap(root + suffix + "/a", out _) && map.TryMap(root + "/a", out _);
        }));

    [Fact]
    public void Text_replacement_agrees_with_map_on_whole_paths() => Check.One(Config.QuickThrowOnFailure.WithMaxTest(200),
        Prop.ForAll(Segments.ToArbitrary(), segs =>
        {
            var map = PathMap.Of("/home/u/src", "/home/u/code");
            var path = Join(PathStyle.Linux, "/home/u/src", segs.Select(s => s.Replace(' ', '_')));
            return TextPathReplacer.Replace(map, $"run \"{path}\" now") == $"run \"{map.Map(path)}\" now";
        }));
}
