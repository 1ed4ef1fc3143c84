using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/VoiceFlow.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
