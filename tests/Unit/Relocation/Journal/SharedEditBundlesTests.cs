using SameSession.Core.Relocation.Journal;

namespace SameSession.Tests.Unit.Relocation.Journal;

public class SharedEditBundlesTests
{
    private sealed class Edit : SharedFileEdit
    {
        public override Action<Stream> Merge(IReadOnlyList<SharedFileEdit> edits) => _ => { };
    }

    private static ChangeSet Set(string name, params string[] shared)
    {
        var set = new ChangeSet(name).WriteFile($"/own/{name}", _ => { });
        foreach (var path in shared) set.WriteSharedFile(path, new Edit());
        return set;
    }

    [Fact]
    public void Sets_sharing_a_path_directly_or_through_others_form_one_bundle_and_the_rest_stay_alone()
    {
        var sets = new[] { Set("a", "/h"), Set("b"), Set("c", "/c"), Set("d", "/h", "/c"), Set("e", "/x") };

        Assert.Equal([[0, 2, 3], [1], [4]], SharedEditBundles.Of(sets));
    }

    [Fact]
    public void A_merged_set_writes_each_shared_path_once_after_every_own_step()
    {
        var merged = ChangeSet.Merged([Set("a", "/h", "/c"), Set("b", "/h")]);

        Assert.Equal(["/own/a", "/own/b", "/h", "/c"], merged.Steps.Select(s => s.Path));
        Assert.All(merged.Steps, s => Assert.Null(s.Shared));
    }
}
