@{
    RootModule           = 'SameSession.PowerShell.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '6f1c2a9e-3b7d-4e58-9a41-5c2d8e7f0b13'
    Author               = 'SameSession developers'
    CompanyName          = 'SameSession'
    Copyright            = '(c) SameSession developers. MIT License.'
    Description          = 'Move, repair, export and import coding-agent sessions (Claude Code, Codex CLI, opencode, acpx, Gemini CLI) and keep them resumable by the agent itself.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('SameSession.format.ps1xml')
    CmdletsToExport      = @(
        'Get-AgentSession'
        'Move-AgentSession'
        'Repair-AgentSession'
        'Test-SameSession'
        'New-SameSessionIdentity'
        'Get-SameSessionIdentity'
        'Export-AgentSession'
        'Import-AgentSession'
        'Get-AgentCapsule'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('PSEdition_Core', 'Linux', 'MacOS', 'Windows', 'Claude', 'Codex', 'opencode', 'agents', 'sessions')
            LicenseUri = ''
            ProjectUri = ''
        }
    }
}
