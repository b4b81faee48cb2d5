# Sign Windows programs with signtool: the package workflow's Windows signing steps, which run only
# when the secrets exist. WINDOWS_CERTIFICATE is the base64 of a .pfx, WINDOWS_CERTIFICATE_PASSWORD
# its password; the files are named on the command line.
#
#     build_spec/sign_windows.ps1 dist\rcs-desk\rcs-desk.exe dist\rcs-desk\rcs-desk-cli.exe
param([Parameter(Mandatory = $true, ValueFromRemainingArguments = $true)][string[]] $Files)
$ErrorActionPreference = "Stop"
$pfx = Join-Path $env:RUNNER_TEMP "certificate.pfx"
[IO.File]::WriteAllBytes($pfx, [Convert]::FromBase64String($env:WINDOWS_CERTIFICATE))
try {
    $signtool = Get-ChildItem "${env:ProgramFiles(x86)}\Windows Kits\10\bin\*\x64\signtool.exe" |
        Sort-Object FullName -Descending | Select-Object -First 1
    & $signtool.FullName sign /fd sha256 /td sha256 /tr http://timestamp.digicert.com `
        /f $pfx /p $env:WINDOWS_CERTIFICATE_PASSWORD @Files
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
} finally {
    Remove-Item $pfx
}
