; The Windows installer of RCS Campaign Desk, and its uninstaller (NSIS 3, Unicode).
;
; Built by build_spec/make_installer.py after the PyInstaller build (dist/rcs-desk/): it reads every
; name and the version from the package and passes them as defines (-DNAME=value), with FILES_NSH,
; the list of the program's files made from the build folder. Do not compile this file by hand.
;
; For one person by default, without administrator rights: the program goes to
; %LOCALAPPDATA%\Programs\<APP_NAME>, and its Start menu entry, file type and Apps & features entry
; to the person's own places (HKCU, through SHCTX). "For everyone on this computer" (or /ALLUSERS)
; installs to Program Files and HKLM, and asks for administrator rights only then, by starting the
; installer again elevated. (NSIS's MultiUser.nsh cannot ask later: its mixed mode needs
; RequestExecutionLevel highest, which asks every administrator at the start, even for a
; one-person install.)
;
; Command line (for IT):
;   /S                 silent: no window; the exit code says how it went (0 done, 2 not done:
;                      the program is open, or another problem; 740: /ALLUSERS without admin rights)
;   /ALLUSERS          for everyone on the computer (run it elevated; an interactive run asks)
;   /DESKTOP=1         a desktop shortcut too (the default keeps the choice of an earlier install)
;   /D=C:\Folder       where to install (last on the line, no quotes)
; The uninstaller: /S silent, /REMOVEDATA also removes the person's settings, drafts, history and
; saved API key. /UPGRADE is for the installer itself (a newer version removing the older one).

Unicode true
ManifestDPIAware true
ManifestSupportedOS all ; Windows 10 and 11 say their real version (the check in .onInit)
SetCompressor /SOLID lzma
RequestExecutionLevel user

!macro REQUIRE_DEFINE NAME
  !ifndef ${NAME}
    !error "${NAME} is not defined: build the installer with build_spec/make_installer.py"
  !endif
!macroend
!insertmacro REQUIRE_DEFINE APP_NAME
!insertmacro REQUIRE_DEFINE APP_ID
!insertmacro REQUIRE_DEFINE APP_VERSION
!insertmacro REQUIRE_DEFINE APP_VERSION4
!insertmacro REQUIRE_DEFINE PUBLISHER
!insertmacro REQUIRE_DEFINE PROG_ID
!insertmacro REQUIRE_DEFINE DOCUMENT_TYPE_NAME
!insertmacro REQUIRE_DEFINE FILE_SUFFIX
!insertmacro REQUIRE_DEFINE DATA_DIR_NAME
!insertmacro REQUIRE_DEFINE KEYRING_SERVICE
!insertmacro REQUIRE_DEFINE KEYRING_ACCOUNT
!insertmacro REQUIRE_DEFINE ICON
!insertmacro REQUIRE_DEFINE SIDE_BITMAP
!insertmacro REQUIRE_DEFINE FILES_NSH
!insertmacro REQUIRE_DEFINE OUTFILE

!define EXE "${APP_ID}.exe"
!define CLI_EXE "${APP_ID}-cli.exe"
!define UNINSTALLER "uninstall.exe"
!define SHORTCUT "${APP_NAME}.lnk"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
!define CLASSES "Software\Classes"
!define ERROR_ELEVATION_REQUIRED 740

!include MUI2.nsh
!include LogicLib.nsh
!include FileFunc.nsh
!include nsDialogs.nsh
!include WinMessages.nsh
!include x64.nsh
!include WinVer.nsh
!include "${FILES_NSH}"

Name "${APP_NAME}"
OutFile "${OUTFILE}"
; No InstallDir: $INSTDIR stays empty unless /D= gave it, so .onInit can tell (see UseInstallMode).
BrandingText "${APP_NAME} ${APP_VERSION}"
ShowInstDetails nevershow
ShowUninstDetails nevershow

VIProductVersion "${APP_VERSION4}"
VIFileVersion "${APP_VERSION4}"
VIAddVersionKey /LANG=1033 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=1033 "ProductVersion" "${APP_VERSION}"
VIAddVersionKey /LANG=1033 "FileVersion" "${APP_VERSION}"
VIAddVersionKey /LANG=1033 "FileDescription" "${APP_NAME} installer"
VIAddVersionKey /LANG=1033 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1033 "LegalCopyright" "${PUBLISHER}"

Var AllUsers      ; 1: for everyone (Program Files, HKLM); 0: for this person only
Var DesktopShortcut       ; 1: a desktop shortcut
Var RemoveData    ; uninstaller: 1 also removes the person's settings, drafts, history and key
Var GivenDir      ; the folder /D= gave, or empty
Var Dialog
Var EveryoneRadio
Var DesktopBox
Var RemoveDataBox

; --- pages ------------------------------------------------------------------------------------------

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_WELCOMEFINISHPAGE_BITMAP "${SIDE_BITMAP}"
!define MUI_ABORTWARNING
!define MUI_ABORTWARNING_TEXT "Stop installing ${APP_NAME}?"
!define MUI_FINISHPAGE_RUN
!define MUI_FINISHPAGE_RUN_TEXT "Start ${APP_NAME} now"
!define MUI_FINISHPAGE_RUN_FUNCTION StartProgram
!define MUI_FINISHPAGE_TITLE "${APP_NAME} is installed"
!define MUI_FINISHPAGE_TEXT "You find it in the Start menu. Click Finish to close this window."

Page custom OptionsPage OptionsPageLeave
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

UninstPage custom un.OptionsPage un.OptionsPageLeave
!define MUI_UNTEXT_FINISH_TITLE "${APP_NAME} is removed"
!define MUI_UNTEXT_FINISH_SUBTITLE "Click Close to close this window."
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "English"

; --- shared by the installer and the uninstaller ----------------------------------------------------

!macro SHARED_FUNCTIONS UN
  ; Pushes 1 when the program is running from $INSTDIR: Windows refuses to open a running program's
  ; file for writing (any person's session; nothing is written).
  Function ${UN}ProgramInUse
    Push $0
    Push $1
    StrCpy $1 0
    ${If} ${FileExists} "$INSTDIR\${EXE}"
      ClearErrors
      FileOpen $0 "$INSTDIR\${EXE}" a
      ${If} ${Errors}
        StrCpy $1 1
      ${Else}
        FileClose $0
      ${EndIf}
    ${EndIf}
    ${If} ${FileExists} "$INSTDIR\${CLI_EXE}"
      ClearErrors
      FileOpen $0 "$INSTDIR\${CLI_EXE}" a
      ${If} ${Errors}
        StrCpy $1 1
      ${Else}
        FileClose $0
      ${EndIf}
    ${EndIf}
    Pop $0
    Exch $1
  FunctionEnd

  ; Until the program is closed: Retry, or Cancel (which aborts: in a section, the whole run).
  Function ${UN}CloseProgramFirst
    Push $0
    ${Do}
      Call ${UN}ProgramInUse
      Pop $0
      ${If} $0 == 0
        ${Break}
      ${EndIf}
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION \
        "${APP_NAME} is open.$\r$\n$\r$\nSave your work and close ${APP_NAME}, then click Retry." \
        /SD IDCANCEL IDRETRY retry
      Pop $0 ; as it was
      Abort "${APP_NAME} is open: nothing was changed."
      retry:
    ${Loop}
    Pop $0
  FunctionEnd

  ; Pushes 1 when this process has administrator rights.
  Function ${UN}IsAdmin
    Push $0
    UserInfo::GetAccountType
    Pop $0
    ${If} $0 == "Admin"
      StrCpy $0 1
    ${Else}
      StrCpy $0 0
    ${EndIf}
    Exch $0
  FunctionEnd

  ; Starts this program again with administrator rights (Windows asks) and ends this one. Silent runs
  ; cannot ask, and a run started so that is still without them does not ask again: both end with
  ; ERROR_ELEVATION_REQUIRED. /ELEVATED goes first: /D= and _?= must stay last.
  Function ${UN}RunElevated
    Exch $0 ; the command-line arguments
    ClearErrors
    ${GetOptions} "$CMDLINE" "/ELEVATED" $1
    ${IfNot} ${Errors}
    ${OrIf} ${Silent}
      SetErrorLevel ${ERROR_ELEVATION_REQUIRED}
      Quit
    ${EndIf}
    ClearErrors
    ExecShell "runas" "$EXEPATH" "/ELEVATED $0"
    ${If} ${Errors}
      MessageBox MB_OK|MB_ICONINFORMATION \
        "Installing or removing ${APP_NAME} for everyone on this computer needs administrator rights.$\r$\n$\r$\nAsk your IT department, or install it just for you."
      SetErrorLevel ${ERROR_ELEVATION_REQUIRED}
    ${EndIf}
    Quit
  FunctionEnd
!macroend
!insertmacro SHARED_FUNCTIONS ""
!insertmacro SHARED_FUNCTIONS "un."

; For everyone: Program Files, HKLM, the Start menu and desktop of all users (SHCTX, $SMPROGRAMS and
; $DESKTOP follow SetShellVarContext). For one person: that person's own places.
!macro USE_CONTEXT
  ${If} $AllUsers == 1
    SetShellVarContext all
  ${Else}
    SetShellVarContext current
  ${EndIf}
!macroend

; --- installer ----------------------------------------------------------------------------------------

Function .onInit
  StrCpy $GivenDir $INSTDIR ; /D= (empty without it): nothing has set $INSTDIR yet
  ${IfNot} ${RunningX64}
  ${OrIfNot} ${AtLeastWin10}
    MessageBox MB_OK|MB_ICONSTOP "${APP_NAME} needs 64-bit Windows 10 or newer." /SD IDOK
    SetErrorLevel 2
    Quit
  ${EndIf}
  SetRegView 64 ; the program is 64-bit: its Apps & features entry belongs in the 64-bit view
  StrCpy $AllUsers 0
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/ALLUSERS" $R1
  ${IfNot} ${Errors}
    StrCpy $AllUsers 1
    Call IsAdmin
    Pop $R1
    ${If} $R1 == 0
      Push $R0
      Call RunElevated
    ${EndIf}
  ${EndIf}
  Call UseInstallMode
  StrCpy $DesktopShortcut 0
  ${If} ${FileExists} "$DESKTOP\${SHORTCUT}" ; an earlier install made one: keep it
    StrCpy $DesktopShortcut 1
  ${EndIf}
  ClearErrors
  ${GetOptions} $R0 "/DESKTOP=" $R1
  ${IfNot} ${Errors}
    StrCpy $DesktopShortcut $R1
  ${EndIf}
FunctionEnd

; The context for $AllUsers, and the folder: /D= first, then an earlier install's, then the default.
Function UseInstallMode
  !insertmacro USE_CONTEXT
  ${If} $GivenDir != ""
    StrCpy $INSTDIR $GivenDir
    Return
  ${EndIf}
  ReadRegStr $INSTDIR SHCTX "${UNINSTALL_KEY}" "InstallLocation"
  ${If} $INSTDIR == ""
    ${If} $AllUsers == 1
      StrCpy $INSTDIR "$PROGRAMFILES64\${APP_NAME}"
    ${Else}
      StrCpy $INSTDIR "$LOCALAPPDATA\Programs\${APP_NAME}"
    ${EndIf}
  ${EndIf}
FunctionEnd

Function OptionsPage
  ${If} $AllUsers == 1 ; started for everyone (/ALLUSERS, or again with admin rights): chosen already
    Abort
  ${EndIf}
  !insertmacro MUI_HEADER_TEXT "Install ${APP_NAME} ${APP_VERSION}" "Choose who uses it on this computer, then click Install."
  nsDialogs::Create 1018
  Pop $Dialog
  ${NSD_CreateRadioButton} 0 0 100% 12u "Just for me (recommended)"
  Pop $0
  ${NSD_Check} $0
  ${NSD_CreateRadioButton} 0 16u 100% 12u "For everyone on this computer (asks for administrator rights)"
  Pop $EveryoneRadio
  ${NSD_CreateCheckbox} 0 42u 100% 12u "Put a shortcut on the desktop"
  Pop $DesktopBox
  ${If} $DesktopShortcut == 1
    ${NSD_Check} $DesktopBox
  ${EndIf}
  ${NSD_CreateLabel} 0 70u 100% 40u "It adds ${APP_NAME} to the Start menu. Your settings, drafts and sending history stay when you update or remove the program."
  Pop $0
  GetDlgItem $0 $HWNDPARENT 1
  SendMessage $0 ${WM_SETTEXT} 0 "STR:$(^InstallBtn)"
  nsDialogs::Show
FunctionEnd

Function OptionsPageLeave
  ${NSD_GetState} $DesktopBox $0
  ${If} $0 == ${BST_CHECKED}
    StrCpy $DesktopShortcut 1
  ${Else}
    StrCpy $DesktopShortcut 0
  ${EndIf}
  ${NSD_GetState} $EveryoneRadio $0
  ${If} $0 == ${BST_CHECKED}
    StrCpy $AllUsers 1
    Call IsAdmin
    Pop $0
    ${If} $0 == 0
      Push "/ALLUSERS /DESKTOP=$DesktopShortcut"
      Call RunElevated ; ends this run: the elevated one goes on from here
    ${EndIf}
    Call UseInstallMode ; already an administrator: for everyone, in this run
  ${EndIf}
  Call CloseProgramFirst ; Cancel keeps this page
FunctionEnd

; An earlier version's own uninstaller removes exactly what it installed, keeping the person's data.
Function RemoveEarlierVersion
  ReadRegStr $0 SHCTX "${UNINSTALL_KEY}" "InstallLocation"
  ${If} $0 == ""
  ${OrIfNot} ${FileExists} "$0\${UNINSTALLER}"
    Return
  ${EndIf}
  DetailPrint "Removing the earlier version from $0"
  ClearErrors
  ExecWait '"$0\${UNINSTALLER}" /S /UPGRADE _?=$0' $1 ; _? runs it in place, so ExecWait waits for it
  ${If} ${Errors}
  ${OrIf} $1 != 0
    DetailPrint "The earlier version could not be removed ($1): its files are replaced"
  ${EndIf}
  Delete "$0\${UNINSTALLER}"
  RMDir "$0"
FunctionEnd

Section "-Install"
  Call CloseProgramFirst
  Call RemoveEarlierVersion
  !insertmacro INSTALL_FILES
  SetOutPath "$INSTDIR"
  WriteUninstaller "$INSTDIR\${UNINSTALLER}"

  CreateShortcut "$SMPROGRAMS\${SHORTCUT}" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0 SW_SHOWNORMAL "" "${APP_NAME}"
  ${If} $DesktopShortcut == 1
    CreateShortcut "$DESKTOP\${SHORTCUT}" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0 SW_SHOWNORMAL "" "${APP_NAME}"
  ${EndIf}

  ; The campaign file type. Explorer goes by the last part of a name (.json), so double-clicking
  ; follows .json's choice: the program is offered under "Open with" for .json files, with its
  ; own type, icon and name, and .json's default program is left as it was.
  WriteRegStr SHCTX "${CLASSES}\${PROG_ID}" "" "${DOCUMENT_TYPE_NAME}"
  WriteRegStr SHCTX "${CLASSES}\${PROG_ID}" "FriendlyTypeName" "${DOCUMENT_TYPE_NAME}"
  WriteRegStr SHCTX "${CLASSES}\${PROG_ID}\DefaultIcon" "" "$INSTDIR\${EXE},0"
  WriteRegStr SHCTX "${CLASSES}\${PROG_ID}\shell\open" "" "Open with ${APP_NAME}"
  WriteRegStr SHCTX "${CLASSES}\${PROG_ID}\shell\open\command" "" '"$INSTDIR\${EXE}" "%1"'
  WriteRegStr SHCTX "${CLASSES}\${FILE_SUFFIX}" "" "${PROG_ID}"
  WriteRegStr SHCTX "${CLASSES}\${FILE_SUFFIX}\OpenWithProgids" "${PROG_ID}" ""
  WriteRegStr SHCTX "${CLASSES}\.json\OpenWithProgids" "${PROG_ID}" ""
  WriteRegStr SHCTX "${CLASSES}\Applications\${EXE}" "FriendlyAppName" "${APP_NAME}"
  WriteRegStr SHCTX "${CLASSES}\Applications\${EXE}\DefaultIcon" "" "$INSTDIR\${EXE},0"
  WriteRegStr SHCTX "${CLASSES}\Applications\${EXE}\SupportedTypes" ".json" ""
  WriteRegStr SHCTX "${CLASSES}\Applications\${EXE}\shell\open\command" "" '"$INSTDIR\${EXE}" "%1"'

  ; Apps & features
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayVersion" "${APP_VERSION}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${EXE},0"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALLER}"'
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /S'
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2 ; in KB, as Windows wants it
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "EstimatedSize" $0

  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)' ; SHCNE_ASSOCCHANGED: Explorer looks again
SectionEnd

; Started from the finish page. For everyone, this run has administrator rights the program must not
; inherit: Explorer starts it as the person instead.
Function StartProgram
  ${If} $AllUsers == 1
    Exec '"$WINDIR\explorer.exe" "$INSTDIR\${EXE}"'
  ${Else}
    Exec '"$INSTDIR\${EXE}"'
  ${EndIf}
FunctionEnd

; --- uninstaller --------------------------------------------------------------------------------------

Function un.onInit
  SetRegView 64 ; as the installer wrote (it runs on 64-bit Windows only)
  ; Installed for everyone when HKLM's entry names this folder (compared in the short form, which
  ; one folder has only one of, however it was started).
  StrCpy $AllUsers 0
  ReadRegStr $0 HKLM "${UNINSTALL_KEY}" "InstallLocation"
  ${If} $0 != ""
    GetFullPathName /SHORT $0 $0
    GetFullPathName /SHORT $1 $INSTDIR
    ${If} $0 == $1
      StrCpy $AllUsers 1
    ${EndIf}
  ${EndIf}
  ${GetParameters} $R0
  StrCpy $RemoveData 0
  ClearErrors
  ${GetOptions} $R0 "/REMOVEDATA" $R1
  ${IfNot} ${Errors}
    StrCpy $RemoveData 1
  ${EndIf}
  ClearErrors
  ${GetOptions} $R0 "/UPGRADE" $R1 ; a newer version replaces this one: the data stays, whatever was asked
  ${IfNot} ${Errors}
    StrCpy $RemoveData 0
  ${EndIf}
  ${If} $AllUsers == 1
    Call un.IsAdmin
    Pop $R1
    ${If} $R1 == 0
      ${If} $RemoveData == 1
        Push "/REMOVEDATA _?=$INSTDIR"
      ${Else}
        Push "_?=$INSTDIR"
      ${EndIf}
      Call un.RunElevated
    ${EndIf}
  ${EndIf}
  !insertmacro USE_CONTEXT
FunctionEnd

Function un.OptionsPage
  !insertmacro MUI_HEADER_TEXT "Remove ${APP_NAME}" "${APP_NAME} will be removed from this computer."
  nsDialogs::Create 1018
  Pop $Dialog
  ${NSD_CreateLabel} 0 0 100% 30u "Your settings, drafts and sending history are kept, so they are there again if you install ${APP_NAME} later."
  Pop $0
  ${NSD_CreateCheckbox} 0 40u 100% 24u "Also remove my settings, drafts, sending history and saved API key"
  Pop $RemoveDataBox
  GetDlgItem $0 $HWNDPARENT 1
  SendMessage $0 ${WM_SETTEXT} 0 "STR:$(^UninstallBtn)"
  nsDialogs::Show
FunctionEnd

Function un.OptionsPageLeave
  ${NSD_GetState} $RemoveDataBox $0
  ${If} $0 == ${BST_CHECKED}
    StrCpy $RemoveData 1
  ${EndIf}
  Call un.CloseProgramFirst ; Cancel keeps this page
FunctionEnd

Section "Uninstall"
  Call un.CloseProgramFirst
  !insertmacro UNINSTALL_FILES
  Delete "$INSTDIR\${UNINSTALLER}"
  RMDir "$INSTDIR" ; only when empty: files someone else put there stay

  Delete "$SMPROGRAMS\${SHORTCUT}"
  Delete "$DESKTOP\${SHORTCUT}"

  DeleteRegKey SHCTX "${CLASSES}\${PROG_ID}"
  ; The suffix's key, only while it still names this program's type
  ReadRegStr $0 SHCTX "${CLASSES}\${FILE_SUFFIX}" ""
  ${If} $0 == "${PROG_ID}"
    DeleteRegValue SHCTX "${CLASSES}\${FILE_SUFFIX}" ""
  ${EndIf}
  DeleteRegValue SHCTX "${CLASSES}\${FILE_SUFFIX}\OpenWithProgids" "${PROG_ID}"
  DeleteRegKey /ifempty SHCTX "${CLASSES}\${FILE_SUFFIX}\OpenWithProgids"
  DeleteRegKey /ifempty SHCTX "${CLASSES}\${FILE_SUFFIX}"
  DeleteRegValue SHCTX "${CLASSES}\.json\OpenWithProgids" "${PROG_ID}"
  DeleteRegKey /ifempty SHCTX "${CLASSES}\.json\OpenWithProgids"
  DeleteRegKey /ifempty SHCTX "${CLASSES}\.json"
  DeleteRegKey SHCTX "${CLASSES}\Applications\${EXE}"
  DeleteRegKey SHCTX "${UNINSTALL_KEY}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  ${If} $RemoveData == 1
    ; The person's own data, for an install for everyone too: the folder app/platform/config.py uses,
    ; and the API key keyring keeps in the Windows Credential Manager.
    SetShellVarContext current
    RMDir /r "$LOCALAPPDATA\${DATA_DIR_NAME}"
    System::Call 'advapi32::CredDeleteW(w "${KEYRING_SERVICE}", i 1, i 0) i.r0' ; 1: CRED_TYPE_GENERIC
    System::Call 'advapi32::CredDeleteW(w "${KEYRING_ACCOUNT}@${KEYRING_SERVICE}", i 1, i 0) i.r0'
    !insertmacro USE_CONTEXT
  ${EndIf}
SectionEnd
