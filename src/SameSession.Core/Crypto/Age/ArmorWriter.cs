using System.Buffers;
using System.Buffers.Text;

namespace SameSession.Core.Crypto.Age;

/// <summary>Writes the age ASCII armor: padded base64 in 64-column LF lines between BEGIN and END lines.</summary>
internal sealed class ArmorWriter : WriteOnlyStream
{
    private const int LinesPerBlock = 256;

    private readonly Stream _output;
    private readonly bool _leaveOpen;
    private readonly byte[] _pending = new byte[48 * LinesPerBlock];
    private readonly byte[] _text = new byte[65 * LinesPerBlock];
    private int _pendingLength;
    private bool _closed;

    public ArmorWriter(Stream output, bool leaveOpen)
    {
        _output = output;
        _leaveOpen = leaveOpen;
        _output.Write("-----BEGIN AGE ENCRYPTED FILE-----\n"u8);
    }

    public override bool CanWrite => !_closed;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        while (!buffer.IsEmpty)
        {
            var take = Math.Min(buffer.Length, _pending.Length - _pendingLength);
            buffer[..take].CopyTo(_pending.AsSpan(_pendingLength));
            _pendingLength += take;
            buffer = buffer[take..];
            // Keep the last bytes back: the final line is written only at Dispose.
            if (_pendingLength == _pending.Length && !buffer.IsEmpty) EmitPending();
        }
    }

    private void EmitPending()
    {
        var written = 0;
        for (var i = 0; i < _pendingLength; i += 48)
        {
            var line = _pending.AsSpan(i, Math.Min(48, _pendingLength - i));
            Base64.EncodeToUtf8(line, _text.AsSpan(written), out _, out var n);
            written += n;
            _text[written++] = (byte)'\n';
        }
        _output.Write(_text, 0, written);
        _pendingLength = 0;
    }

    public override void Flush() => _output.Flush();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_closed)
        {
            _closed = true;
            try
            {
                EmitPending();
                _output.Write("-----END AGE ENCRYPTED FILE-----\n"u8);
                _output.Flush();
            }
            finally
            {
                if (!_leaveOpen) _output.Dispose();
            }
        }
        base.Dispose(disposing);
    }
}
