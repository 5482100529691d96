# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop';"]
COPY app\ C:\app\
WORKDIR C:\app
RUN New-Item -ItemType Directory C:\data ; `
    Write-Host done
CMD ["C:\\app\\app.exe"]
