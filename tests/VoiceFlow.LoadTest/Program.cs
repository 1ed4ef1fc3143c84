using VoiceFlow.LoadTest;

// Plays N concurrent scripted phone calls against a running VoiceFlow with correctly signed Twilio webhooks,
// following the TwiML's action URLs like Twilio. Prints latency per webhook kind, throughput and errors.
var options = LoadOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(LoadOptions.Usage);
    return 2;
}
var report = await new CallLoad(options).RunAsync();
report.Print(Console.Out);
return report.Errors == 0 ? 0 : 1;
