; Inno Setup script: installs the one-folder build for the current user, without admin rights.
; Built by .github/workflows/release.yml:  iscc /DAppVersion=0.1.0 packaging\windows\ucm-check.iss
#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif

[Setup]
AppId={{6B0E3F0C-2A52-4B5C-9E7B-5C1D2E0A7F19}
AppName=ucm-check 城管执法合规自评
AppVersion={#AppVersion}
AppPublisher=ucm-check
DefaultDirName={localappdata}\Programs\ucm-check
DefaultGroupName=ucm-check
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DisableProgramGroupPage=yes
OutputDir=..\..\dist
OutputBaseFilename=ucm-check-setup-{#AppVersion}
Compression=lzma2
SolidCompression=yes
ChangesEnvironment=yes
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "..\..\dist\ucm-check-folder\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
; Starts in the clerk's Documents folder: the start screen lists the self-checks kept there.
Name: "{group}\ucm-check 合规自评"; Filename: "{app}\ucm-check.exe"; WorkingDir: "{userdocs}"
Name: "{userdesktop}\ucm-check 合规自评"; Filename: "{app}\ucm-check.exe"; WorkingDir: "{userdocs}"

[Registry]
; ucm-check on the user's PATH (HKCU: no admin rights needed).
Root: HKCU; Subkey: "Environment"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; \
  Check: NeedsAddPath(ExpandConstant('{app}'))

[Code]
function NeedsAddPath(Dir: string): boolean;
var
  Current: string;
begin
  if not RegQueryStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Current) then
  begin
    Result := True;
    exit;
  end;
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Current) + ';') = 0;
end;
