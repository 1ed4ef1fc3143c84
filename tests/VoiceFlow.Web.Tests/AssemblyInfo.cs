using VoiceFlow.Testing;

[assembly: AssemblyFixture(typeof(TestServers))]
