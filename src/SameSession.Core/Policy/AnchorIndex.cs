namespace SameSession.Core.Policy;

/// <summary>
/// An Aho–Corasick automaton over every rule's ASCII anchors: one pass over a segment says which rules can match
/// it, whatever the number of anchors, so the regexes run only where a token prefix actually occurs.
/// </summary>
internal sealed class AnchorIndex
{
    private const int Alphabet = 128;
    private readonly int[] _next;
    private readonly ulong[] _output;

    public AnchorIndex(IReadOnlyList<SecretRule> rules)
    {
        if (rules.Count > 64) throw new ArgumentException("At most 64 rules fit the bit mask.", nameof(rules));
        var trie = new List<int[]> { NewState() };
        var output = new List<ulong> { 0 };
        for (var r = 0; r < rules.Count; r++)
            foreach (var anchor in rules[r].Anchors)
            {
                var s = 0;
                foreach (var c in anchor)
                {
                    if (c >= Alphabet) throw new ArgumentException($"Anchor '{anchor}' is not ASCII.", nameof(rules));
                    if (trie[s][c] == 0)
                    {
                        trie[s][c] = trie.Count;
                        trie.Add(NewState());
                        output.Add(0);
                    }
                    s = trie[s][c];
                }
                output[s] |= 1UL << r;
            }

        // Breadth-first: fill missing transitions with the failure state's, and inherit its outputs.
        var fail = new int[trie.Count];
        var queue = new Queue<int>();
        for (var c = 0; c < Alphabet; c++)
            if (trie[0][c] != 0) queue.Enqueue(trie[0][c]);
        while (queue.Count > 0)
        {
            var s = queue.Dequeue();
            output[s] |= output[fail[s]];
            for (var c = 0; c < Alphabet; c++)
            {
                var t = trie[s][c];
                if (t == 0) { trie[s][c] = trie[fail[s]][c]; continue; }
                fail[t] = trie[fail[s]][c];
                queue.Enqueue(t);
            }
        }
        _next = new int[trie.Count * Alphabet];
        for (var s = 0; s < trie.Count; s++) Array.Copy(trie[s], 0, _next, s * Alphabet, Alphabet);
        _output = [.. output];
    }

    private static int[] NewState() => new int[Alphabet];

    /// <summary>Bit r is set when an anchor of rule r occurs in <paramref name="text"/>.</summary>
    public ulong Find(ReadOnlySpan<char> text)
    {
        var next = _next;
        var output = _output;
        ulong found = 0;
        var s = 0;
        foreach (var c in text)
        {
            s = c < Alphabet ? next[s * Alphabet + c] : 0;
            found |= output[s];
        }
        return found;
    }
}
