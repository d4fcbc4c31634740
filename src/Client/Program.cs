using ContrastiveOrleans.Client;

using var signals = new SignalCancellation();
return signals.ExitCode(await ContrastiveCli.RunAsync(args, CliConsole.System, signals.Token));
