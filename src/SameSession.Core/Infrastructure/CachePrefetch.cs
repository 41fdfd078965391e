using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace SameSession.Core.Infrastructure;

/// <summary>
/// A hint to the processor to start loading an object into the cache without waiting for it (nothing on processors
/// without the instruction). For loops over many objects scattered in memory, where each visit otherwise waits for its
/// cache misses one after another.
/// </summary>
public static class CachePrefetch
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Fetch(object? value)
    {
        // The reference is the object's address; the hint never faults, so an object moved by the GC meanwhile only misses.
        if (value is not null && Sse.IsSupported) Sse.Prefetch0((void*)Unsafe.As<object, nint>(ref value));
    }
}
