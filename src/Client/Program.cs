using ContrastiveOrleans.Client;

using var cancellation = new CancellationTokenSource();
// First Ctrl-C: cancel cleanly (finished results are kept and written). A second one ends the process at once.
Console.CancelKeyPress += (_, e) =>
{
    if (cancellation.IsCancellationRequested) return;
    e.Cancel = true;
    cancellation.Cancel();
};
return await ContrastiveCli.RunAsync(args, CliConsole.System, cancellation.Token);
