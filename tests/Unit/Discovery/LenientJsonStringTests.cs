using System.Text.Json;
using SameSession.Core.Providers.Common;

namespace SameSession.Tests.Unit.Discovery;

public sealed class LenientJsonStringTests
{
    [Theory]
    [InlineData("\"plain ünï ✓\"")]
    [InlineData("\"esc \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\ud83d\\ude00\"")]
    [InlineData("\"\"")]
    public void Valid_strings_decode_as_the_serializer_decodes_them(string raw) =>
        Assert.Equal(JsonDocument.Parse(raw).RootElement.GetString(), LenientJsonString.Decode(raw));

    [Fact]
    public void A_lone_surrogate_escape_is_kept_where_the_serializer_refuses_the_string()
    {
        var element = JsonDocument.Parse("{\"t\":\"cut \\ud83d\"}").RootElement.GetProperty("t");
        Assert.Throws<InvalidOperationException>(() => element.GetString());
        Assert.Equal("cut \ud83d", LenientJsonString.Of(element));
    }
}
