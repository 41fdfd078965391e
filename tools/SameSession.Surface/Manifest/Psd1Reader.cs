using System.Globalization;
using System.Text;

namespace SameSession.Surface.Manifest;

/// <summary>
/// Reads the data subset of a PowerShell data file (.psd1): hashtables @{ Key = value }, arrays @(...) or a, b,
/// single- and double-quoted strings (no interpolation), integers, $true/$false/$null, # and &lt;# #&gt; comments.
/// Values come back as string, long, bool, null, List&lt;object?&gt; and Dictionary&lt;string, object?&gt; (keys case-insensitive).
/// </summary>
public sealed class Psd1Reader
{
    private readonly string _text;
    private readonly string _source;
    private int _pos;

    private Psd1Reader(string text, string source)
    {
        _text = text;
        _source = source;
    }

    public static Dictionary<string, object?> ReadFile(string path) => Read(File.ReadAllText(path), Path.GetFileName(path));

    public static Dictionary<string, object?> Read(string text, string source = "manifest")
    {
        var reader = new Psd1Reader(text, source);
        reader.Skip();
        if (reader.Value() is not Dictionary<string, object?> table) throw reader.Error("the file must contain one hashtable @{ ... }");
        reader.Skip();
        if (reader._pos < reader._text.Length) throw reader.Error("unexpected text after the closing '}'");
        return table;
    }

    private object? Value()
    {
        var first = Single();
        Skip(newlines: false);
        if (Peek() != ',') return first;
        var items = new List<object?> { first };
        while (Peek() == ',')
        {
            _pos++;
            Skip();
            items.Add(Single());
            Skip(newlines: false);
        }
        return items;
    }

    private object? Single()
    {
        Skip();
        var c = Peek();
        if (c == '@' && PeekAt(1) == '{') return Table();
        if (c == '@' && PeekAt(1) == '(') return Array();
        if (c is '\'' or '"') return QuotedString();
        if (c == '$') return Variable();
        if (c == '-' || char.IsDigit(c)) return Number();
        throw Error($"expected a value (string, number, @(...), @{{...}}, $true/$false/$null) but found '{c}'");
    }

    private Dictionary<string, object?> Table()
    {
        _pos += 2;
        var table = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        while (true)
        {
            SkipSeparators();
            if (Peek() == '}')
            {
                _pos++;
                return table;
            }
            var keyAt = _pos;
            var key = Peek() is '\'' or '"' ? QuotedString() : Identifier();
            Skip(newlines: false);
            Expect('=');
            var value = Value();
            if (!table.TryAdd(key, value)) throw Error($"key '{key}' appears twice", keyAt);
        }
    }

    private List<object?> Array()
    {
        _pos += 2;
        var items = new List<object?>();
        while (true)
        {
            SkipSeparators(',');
            if (Peek() == ')')
            {
                _pos++;
                return items;
            }
            items.Add(Single());
        }
    }

    private string QuotedString()
    {
        var quote = _text[_pos++];
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length) throw Error("a string is not closed");
            var c = _text[_pos++];
            if (c == quote)
            {
                if (Peek() == quote)
                {
                    sb.Append(quote);
                    _pos++;
                    continue;
                }
                return sb.ToString();
            }
            if (quote == '"' && c == '$') throw Error("double-quoted strings with $ expand variables; use single quotes in the manifest", _pos - 1);
            if (quote == '"' && c == '`' && _pos < _text.Length) c = _text[_pos++];
            sb.Append(c);
        }
    }

    private object? Variable()
    {
        var at = _pos++;
        var name = Identifier();
        return name.ToUpperInvariant() switch
        {
            "TRUE" => true,
            "FALSE" => false,
            "NULL" => null,
            _ => throw Error($"only $true, $false and $null are allowed in a data file, not ${name}", at),
        };
    }

    private long Number()
    {
        var start = _pos;
        if (Peek() == '-') _pos++;
        while (char.IsDigit(Peek())) _pos++;
        return long.Parse(_text.AsSpan(start, _pos - start), CultureInfo.InvariantCulture);
    }

    private string Identifier()
    {
        var start = _pos;
        while (char.IsLetterOrDigit(Peek()) || Peek() == '_') _pos++;
        if (_pos == start) throw Error($"expected a key name but found '{Peek()}'");
        return _text[start.._pos];
    }

    private void Expect(char c)
    {
        if (Peek() != c) throw Error($"expected '{c}' but found '{Peek()}'");
        _pos++;
    }

    private void SkipSeparators(char extra = ';')
    {
        while (true)
        {
            Skip();
            if (Peek() != extra && Peek() != ';') return;
            _pos++;
        }
    }

    private void Skip(bool newlines = true)
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '#')
            {
                while (_pos < _text.Length && _text[_pos] != '\n') _pos++;
            }
            else if (c == '<' && PeekAt(1) == '#')
            {
                var end = _text.IndexOf("#>", _pos + 2, StringComparison.Ordinal);
                if (end < 0) throw Error("a <# comment is not closed");
                _pos = end + 2;
            }
            else if (c == '`' && PeekAt(1) is '\n' or '\r')
            {
                _pos += 2;
            }
            else if (char.IsWhiteSpace(c) && (newlines || c is not ('\n' or '\r')))
            {
                _pos++;
            }
            else
            {
                return;
            }
        }
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private char PeekAt(int offset) => _pos + offset < _text.Length ? _text[_pos + offset] : '\0';

    private FormatException Error(string message, int? at = null)
    {
        var position = at ?? _pos;
        var line = 1 + _text.AsSpan(0, Math.Min(position, _text.Length)).Count('\n');
        return new FormatException($"{_source}:{line}: {message}.");
    }
}
