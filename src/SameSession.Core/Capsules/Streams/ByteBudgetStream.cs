using SameSession.Core.Crypto.Age;

namespace SameSession.Core.Capsules.Streams;

/// <summary>
/// A read-only pass-through that refuses to produce more than a budget of bytes (and reports a damaged
/// compressed stream as CapsuleCorrupt), so a decompression bomb stops at the
/// budget instead of filling memory or disk. The budget can be raised once the manifest has declared the real total.
/// </summary>
internal sealed class ByteBudgetStream(Stream inner, long budget, bool leaveOpen = false) : ReadOnlyStream
{
    public long Budget { get; set; } = budget;
    public long Consumed { get; private set; }

    public override int Read(Span<byte> buffer)
    {
        int n;
        try { n = inner.Read(buffer); }
        catch (InvalidDataException ex) { throw CapsuleErrors.Corrupt($"its compressed data is damaged ({ex.Message})"); }
        Consumed += n;
        if (Consumed > Budget)
            throw CapsuleErrors.Corrupt($"it expands to more than the {Budget} bytes its manifest accounts for (a compression bomb?)");
        return n;
    }

    public override bool CanRead => true;

    protected override void Dispose(bool disposing)
    {
        if (disposing && !leaveOpen) inner.Dispose();
        base.Dispose(disposing);
    }
}
