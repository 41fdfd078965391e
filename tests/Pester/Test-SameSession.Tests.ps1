BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../out/SameSession/SameSession.psd1') -Force
}

Describe 'Test-SameSession' {
    It 'returns a report with one entry per agent' {
        $r = Test-SameSession
        $r | Should -BeOfType 'SameSession.Core.Operations.Doctor.DoctorReport'
        $r.Agents.Provider | Should -Be @('ClaudeCode', 'Codex', 'OpenCode', 'Acpx', 'Gemini')
        $r.SqliteVersion | Should -Not -BeNullOrEmpty
    }

    It 'honours CLAUDE_CONFIG_DIR' {
        $old = $env:CLAUDE_CONFIG_DIR
        try {
            $env:CLAUDE_CONFIG_DIR = Join-Path $TestDrive 'claude-home'
            (Test-SameSession).Agents.Where({ $_.Provider -eq 'ClaudeCode' }).Home | Should -Be $env:CLAUDE_CONFIG_DIR
        } finally { $env:CLAUDE_CONFIG_DIR = $old }
    }

    It 'returns a Boolean with -Quiet' {
        Test-SameSession -Quiet | Should -BeOfType [bool]
    }
}
