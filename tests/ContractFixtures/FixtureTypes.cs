namespace SameSession.ContractFixtures;

/// <summary>What Get-AgentSessionWidget emits; its properties drive by-property-name binding in the fixtures.</summary>
public sealed class FixtureWidget
{
    public string Color { get; set; } = "";
    public int Size { get; set; }
}

/// <summary>An unrelated type, so a by-value parameter of this type cannot take a FixtureWidget.</summary>
public sealed class FixtureGadget
{
    public string Label { get; set; } = "";
}
