using VoiceFlow.E2E;
using VoiceFlow.Testing;

[assembly: AssemblyFixture(typeof(TestServers))]
[assembly: AssemblyFixture(typeof(BrowserFixture))]
