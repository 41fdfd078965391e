namespace SameSession.Surface.Model;

/// <summary>One broken surface rule: which rule, which cmdlet (or file), and a message that names the fix.</summary>
public sealed record Violation(string RuleId, string Cmdlet, string Message)
{
    public override string ToString() => $"[{RuleId}] {Cmdlet}: {Message}";
}
