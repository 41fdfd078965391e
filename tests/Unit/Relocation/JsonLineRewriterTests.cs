using System.Buffers;
using System.Text;
using SameSession.Core.Relocation;
using SameSession.Core.Relocation.Json;

namespace SameSession.Tests.Unit.Relocation;

public class JsonLineRewriterTests
{
    private static readonly JsonRewriteRule CwdAndKeys = s =>
        s.Path == "cwd" ? JsonStringRewrite.Path
        : s.IsPropertyName && s.Path == "snapshot.files" ? JsonStringRewrite.Path
        : s.Path.StartsWith("input.", StringComparison.Ordinal) ? JsonStringRewrite.Text
        : JsonStringRewrite.Keep;

    private static string? Rewrite(PathMap map, string line, JsonRewriteRule? rule = null)
    {
        var w = new ArrayBufferWriter<byte>();
        return new JsonLineRewriter(map, rule ?? CwdAndKeys).TryRewrite(Encoding.UTF8.GetBytes(line), w)
            ? Encoding.UTF8.GetString(w.WrittenSpan) : null;
    }

    [Fact]
    public void Rewrites_only_the_named_field_and_keeps_every_other_byte()
    {
        var line = """{"type":"user", "cwd":"/src/proj/sub" ,"note":"/src/proj","x":{"cwd":"/src/proj"},"u":"\u00e9"}""";
        Assert.Equal("""{"type":"user", "cwd":"/code/proj/sub" ,"note":"/src/proj","x":{"cwd":"/src/proj"},"u":"\u00e9"}""",
            Rewrite(PathMap.Of("/src/proj", "/code/proj"), line));
    }

    [Fact]
    public void Strings_without_faithful_text_are_kept_byte_for_byte_and_the_rest_of_the_line_is_rewritten()
    {
        var map = PathMap.Of("/src/proj", "/code/proj");
        // JSON.stringify writes a lone surrogate for output cut inside an emoji; such a string never maps.
        Assert.Equal("""{"cwd":"/code/proj","x":"\ud83d /src/proj"}""", Rewrite(map, """{"cwd":"/src/proj","x":"\ud83d /src/proj"}""", s => JsonStringRewrite.Text));
        Assert.Equal("""{"cwd":"/code/proj","x":"\ud83d"}""", Rewrite(map, """{"cwd":"/src/proj","x":"\ud83d"}"""));
        var invalidUtf8 = Encoding.UTF8.GetBytes("""{"cwd":"/src/proj","x":"/src/proj ?"}""");
        invalidUtf8[^3] = 0xff;
        var w = new ArrayBufferWriter<byte>();
        Assert.True(new JsonLineRewriter(map, s => JsonStringRewrite.Text).TryRewrite(invalidUtf8, w));
        Assert.EndsWith("\"x\":\"/src/proj \xff\"}", Encoding.Latin1.GetString(w.WrittenSpan), StringComparison.Ordinal);
        Assert.StartsWith("""{"cwd":"/code/proj",""", Encoding.Latin1.GetString(w.WrittenSpan), StringComparison.Ordinal);
    }

    [Fact]
    public void Unchanged_lines_report_false()
    {
        Assert.Null(Rewrite(PathMap.Of("/src/proj", "/code"), """{"cwd":"/src/project"}"""));
        Assert.Null(Rewrite(PathMap.Of("/src/proj", "/code"), """{"note":"/src/proj"}"""));
        Assert.Null(Rewrite(PathMap.Of("/src/proj", "/code"), """not json /src/proj"""));
        Assert.Null(Rewrite(PathMap.Of("/src/proj", "/code"), """{"cwd":"/src/proj"} trailing"""));
    }

    [Fact]
    public void Handles_escaped_windows_paths_and_unicode_escapes()
    {
        var map = new PathMap().Add(@"C:\Users\me\src", @"D:\work");
        Assert.Equal("""{"cwd":"D:\\work\\proj"}""", Rewrite(map, """{"cwd":"C:\\Users\\me\\src\\proj"}"""));
        Assert.Equal("""{"cwd":"D:\\work\\proj"}""", Rewrite(map, """{"cwd":"c:\\users\\ME\\src\\proj"}"""));
        var posix = PathMap.Of("/src/proj", "/code/proj");
        Assert.Equal("""{"cwd":"/code/proj"}""", Rewrite(posix, """{"cwd":"\/src\/proj"}"""));
        Assert.Equal("""{"cwd":"/code/proj/é"}""", Rewrite(posix, """{"cwd":"\u002fsrc/proj/\u00e9"}"""));
    }

    [Fact]
    public void Escapes_what_json_requires_in_the_new_value()
    {
        var map = PathMap.Of("/src/proj", "/code/q\"uote\u2028");
        Assert.Equal("""{"cwd":"/code/q\"uote\u2028/a"}""", Rewrite(map, """{"cwd":"/src/proj/a"}"""));
    }

    [Fact]
    public void Rewrites_property_names_that_are_paths()
    {
        var line = """{"snapshot":{"files":{"/src/proj/a.ts":{"v":1},"/etc/x":{}}}}""";
        Assert.Equal("""{"snapshot":{"files":{"/code/a.ts":{"v":1},"/etc/x":{}}}}""", Rewrite(PathMap.Of("/src/proj", "/code"), line));
    }

    [Fact]
    public void Text_fields_replace_embedded_paths()
    {
        var line = """{"input":{"command":"cd /src/proj && cat /src/proj/a.txt /src/project/b"}}""";
        Assert.Equal("""{"input":{"command":"cd /code && cat /code/a.txt /src/project/b"}}""", Rewrite(PathMap.Of("/src/proj", "/code"), line));
    }

    [Fact]
    public void Sites_know_their_path_and_enclosing_types()
    {
        var seen = new List<(string, string?, string?)>();
        JsonRewriteRule spy = s => { seen.Add((s.Path, s.LineType, s.ParentType)); return JsonStringRewrite.Keep; };
        Rewrite(PathMap.Of("/p", "/q"), """{"message":{"content":[{"text":"/p","type":"thinking"},["/p"]]},"type":"assistant"}""", spy);
        Assert.Equal([("message.content[].text", "assistant", "thinking"), ("message.content[][]", "assistant", null)], seen);
    }

    [Fact]
    public void Streams_files_keeping_line_endings_and_a_missing_final_newline()
    {
        var input = "{\"cwd\":\"/a\"}\r\n{\"other\":1}\n\n{\"cwd\":\"/a/b\"}";
        var rw = new JsonLineRewriter(PathMap.Of("/a", "/z"), CwdAndKeys);
        using var outStream = new MemoryStream();
        var changed = JsonlRewriter.Rewrite(new MemoryStream(Encoding.UTF8.GetBytes(input)), outStream, rw);
        Assert.Equal(2, changed);
        Assert.Equal("{\"cwd\":\"/z\"}\r\n{\"other\":1}\n\n{\"cwd\":\"/z/b\"}", Encoding.UTF8.GetString(outStream.ToArray()));
    }

    [Fact]
    public void Streams_lines_longer_than_the_buffer()
    {
        var big = new string('x', 3 << 20);
        var input = $"{{\"cwd\":\"/a\",\"t\":\"{big}\"}}\n";
        using var outStream = new MemoryStream();
        JsonlRewriter.Rewrite(new MemoryStream(Encoding.UTF8.GetBytes(input)), outStream, new JsonLineRewriter(PathMap.Of("/a", "/z"), CwdAndKeys));
        Assert.Equal(input.Replace("\"/a\"", "\"/z\"", StringComparison.Ordinal), Encoding.UTF8.GetString(outStream.ToArray()));
    }
}
