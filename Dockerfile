# syntax=docker/dockerfile:1
# Multi-stage build; the runtime image runs as a non-root user. Works on amd64 and arm64
# (the SDK image is multi-arch; BUILDPLATFORM/TARGETARCH cross-compile without emulation).
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props BannedSymbols.txt .editorconfig ./
COPY VoiceFlow.Domain/VoiceFlow.Domain.csproj VoiceFlow.Domain/
COPY VoiceFlow.Infrastructure/VoiceFlow.Infrastructure.csproj VoiceFlow.Infrastructure/
COPY VoiceFlow.Web/VoiceFlow.Web.csproj VoiceFlow.Web/
RUN dotnet restore VoiceFlow.Web/VoiceFlow.Web.csproj -a $TARGETARCH -p:PublishReadyToRun=true
COPY VoiceFlow.Domain/ VoiceFlow.Domain/
COPY VoiceFlow.Infrastructure/ VoiceFlow.Infrastructure/
COPY VoiceFlow.Web/ VoiceFlow.Web/
# ReadyToRun: the app and its libraries arrive precompiled, so the first calls after a deploy are not spent in the JIT.
RUN dotnet publish VoiceFlow.Web/VoiceFlow.Web.csproj -c Release -a $TARGETARCH --no-restore -p:PublishReadyToRun=true -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
RUN mkdir -p /app/App_Data && chown -R $APP_UID /app/App_Data
USER $APP_UID
ENV ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_RUNNING_IN_CONTAINER=true
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["dotnet", "VoiceFlow.Web.dll", "healthcheck"]
ENTRYPOINT ["dotnet", "VoiceFlow.Web.dll"]
