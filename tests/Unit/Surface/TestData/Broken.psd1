# Deliberately wrong manifest: every field the manifest rule checks is off.
@{
    RootModule           = 'SameSession.Missing.dll'
    ModuleVersion        = '9.9.9'
    GUID                 = 'not-a-guid'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    FormatsToProcess     = @('Broken.format.ps1xml', 'Absent.format.ps1xml')
    CmdletsToExport      = @(
        'Get-AgentSession'   # not compiled
        'Test-Same*'
    )
    FunctionsToExport    = '*'
    AliasesToExport      = @('tss')
}
