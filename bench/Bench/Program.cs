using System.Globalization;
using System.Text;
using ContrastiveOrleans.Bench;

// Runs each benchmark pair in one process tree and prints medians and ratios; writes bench/RESULTS.md.
var quick = args.Contains("--quick");
if (args.Contains("--engine-scale"))
{
    // One sweep of N points in a fresh process: its points/s and its own peak RSS.
    var n = long.Parse(args[Array.IndexOf(args, "--engine-scale") + 1], CultureInfo.InvariantCulture);
    Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(new List<Measurement> { await EngineBenchmarks.Scale(n) }));
    return;
}
if (args.Contains("--cluster-scale"))
{
    // Diagnostics: only the cluster's size benchmark, for the sizes given (e.g. --cluster-scale 1000,100000).
    var sizes = args[Array.IndexOf(args, "--cluster-scale") + 1].Split(',').Select(t => long.Parse(t, CultureInfo.InvariantCulture)).ToList();
    foreach (var m in await ContrastiveOrleans.Bench.Cluster.ClusterBenchmarks.Scale(FindRoot(), sizes, millionToo: false)) Console.WriteLine(m.ToMarkdownRow());
    return;
}
if (args.Contains("--scale-out"))
{
    // Diagnostics: only the scale-out benchmark, for the silo counts given (e.g. --scale-out 4,8).
    var counts = args[Array.IndexOf(args, "--scale-out") + 1].Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToList();
    foreach (var m in await ContrastiveOrleans.Bench.Cluster.ClusterBenchmarks.ScaleOut(FindRoot(), counts, seconds: 40)) Console.WriteLine(m.ToMarkdownRow());
    return;
}
if (args.Contains("--images") || args.Contains("--cnn") || args.Contains("--eval") || args.Contains("--quickstart") || args.Contains("--pack") || args.Contains("--search") || args.Contains("--search-converged") || args.Contains("--search-overhead") || args.Contains("--scalar-race"))
{
    // Only the Fashion-MNIST rows (--images), the alpha-cl CNN rows (--cnn), the evaluation rows against scikit-learn
    // (--eval) or the quickstart against a baseline commit (--quickstart COMMIT), in a fresh process (so the load is
    // this process's first), merged into RESULTS.md.
    var flag = args.Contains("--cnn") ? "--cnn" : args.Contains("--eval") ? "--eval" : args.Contains("--quickstart") ? "--quickstart"
        : args.Contains("--pack") ? "--pack" : args.Contains("--search-converged") ? "--search-converged"
        : args.Contains("--search-overhead") ? "--search-overhead" : args.Contains("--search") ? "--search"
        : args.Contains("--scalar-race") ? "--scalar-race" : "--images";
    var rows = flag == "--scalar-race"
        ? [.. ScalarRaceBenchmark.Run(quick ? 5 : 60)]
        : flag == "--search-overhead"
        ? [.. SearchBenchmark.Overhead(10_000)]
        : flag == "--search-converged"
        ? [.. SearchBenchmark.Converged(FindRoot(), quick ? 2 : 10)]
        : flag == "--search"
        ? [.. SearchBenchmark.Run(FindRoot(), quick ? 2 : 10), .. SearchBenchmark.Overhead(10_000)]
        : flag == "--pack"
        ? [.. PackingRows(quick)]
        : flag == "--quickstart"
        ? [.. QuickstartBenchmark.Run(FindRoot(), args[Array.IndexOf(args, "--quickstart") + 1], quick ? 1 : 3)]
        : flag == "--eval"
        ? PythonPeer.Available("sklearn") ? [.. EvaluationRows(Path.Combine(FindRoot(), "bench", "reference"), quick ? 2 : 5)] : new List<Measurement>()
        : !ImageBenchmark.Available ? new List<Measurement>()
        : flag == "--cnn" ? [.. CnnRows(Path.Combine(FindRoot(), "bench", "reference"), quick)]
        : [.. ImageBenchmark.Run(Environment.ProcessorCount)];
    if (rows.Count == 0)
    {
        Console.Error.WriteLine(flag == "--eval" ? "python3-sklearn is not installed (apt-get install python3-sklearn)"
            : "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)");
        return;
    }
    var path = Path.Combine(FindRoot(), "bench", "RESULTS.md");
    var stamp = $" (`{flag}` run of {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)";
    var kept = File.Exists(path) ? File.ReadAllLines(path).Where(l => !rows.Any(r => l.StartsWith("| " + r.Name + " |", StringComparison.Ordinal))).ToList() : [];
    var at = kept.FindLastIndex(l => l.StartsWith('|'));
    kept.InsertRange(at + 1, rows.Select(r => (r with { Notes = r.Notes + stamp }).ToMarkdownRow()));
    File.WriteAllLines(path, kept);
    foreach (var r in rows) Console.WriteLine(r.ToMarkdownRow());
    return;
}
if (args.Contains("--engine-child"))
{
    // A fresh process, so peak RSS and tensor counts belong to the engine alone, not to the benchmarks above.
    var measured = new List<Measurement>();
    measured.AddRange(await EngineBenchmarks.Overhead(quick ? 2000 : 10_000, quick ? 2 : 5));
    measured.AddRange(await EngineBenchmarks.Efficiency(quick ? 16 : 64, Environment.ProcessorCount));
    Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(measured));
    return;
}
var root = FindRoot();
var reference = Path.Combine(root, "bench", "reference");
var reps = quick ? 2 : 5;
var results = new List<Measurement>();

void Report(Measurement m)
{
    results.Add(m);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{m.Name}: ours {m.Ours:G4} {m.Unit}, {m.PeerName} {m.Peer:G4} {m.Unit}, ratio {m.Ratio:F2}x ({m.Notes})"));
}

if (PythonPeer.Available("torch"))
{
    foreach (var threads in new[] { 1, 2 })
        foreach (var m in TrainingStepBenchmark.Run(reference, d: 64, r: 16, batch: 512, n: 512 * 40, epochs: quick ? 2 : 5, threads, reps)) Report(m);
}
else
{
    Console.Error.WriteLine("python3-torch is not installed (apt-get install python3-torch): skipping the PyTorch comparison");
}
Report(ComputeBoundBenchmark.Run(d: 512, r: 128, batch: 4096, steps: quick ? 5 : 20, threads: Environment.ProcessorCount, reps));
if (PythonPeer.Available("sklearn"))
{
    Report(LdaBenchmark.Run(reference, n: quick ? 20_000 : 100_000, d: 64, k: 10, threads: 1, reps));
    foreach (var m in EvaluationRows(reference, reps)) Report(m);
}
else
    Console.Error.WriteLine("python3-sklearn is not installed (apt-get install python3-sklearn): skipping the LDA and evaluation comparisons");
foreach (var m in PackingRows(quick)) Report(m);
foreach (var m in SearchBenchmark.Run(root, quick ? 2 : 10)) Report(m);
foreach (var m in SearchBenchmark.Converged(root, quick ? 2 : 10)) Report(m);
foreach (var m in SearchBenchmark.Overhead(10_000)) Report(m);

if (ImageBenchmark.Available)
{
    foreach (var m in ImageBenchmark.Run(Environment.ProcessorCount)) Report(m);
    foreach (var m in CnnRows(reference, quick)) Report(m);
}
else
    Console.Error.WriteLine("Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist): skipping the image benchmark");

if (!args.Contains("--no-engine"))
{
    foreach (var m in EngineChild.Run(quick)) Report(m);
    foreach (var n in quick ? new long[] { 1_000_000 } : [1_000_000, 10_000_000]) foreach (var m in EngineChild.RunScale(n)) Report(m);
}
if (!args.Contains("--no-cluster"))
{
    foreach (var m in await ContrastiveOrleans.Bench.Cluster.ClusterBenchmarks.Scale(root, quick ? [1000, 10_000] : [1000, 10_000, 100_000], millionToo: !quick)) Report(m);
    foreach (var m in await ContrastiveOrleans.Bench.Cluster.ClusterBenchmarks.ScaleOut(root, quick ? [1, 2] : [1, 2, 4, 8], seconds: quick ? 10 : 40)) Report(m);
    foreach (var m in await ContrastiveOrleans.Bench.Cluster.ClusterBenchmarks.Faults(root, quick ? 20_000 : 100_000)) Report(m);
}

var md = new StringBuilder();
md.AppendLine("# Benchmark results").AppendLine();
md.AppendLine(CultureInfo.InvariantCulture, $"Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC. Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}.");
md.AppendLine(CultureInfo.InvariantCulture, $"Medians of {reps} repetitions after one warm-up. Command: `dotnet run -c Release --project bench/Bench{(quick ? " -- --quick" : "")}`.").AppendLine();
md.AppendLine("| benchmark | ours | peer | ratio | target | notes |").AppendLine("|---|---|---|---|---|---|");
foreach (var m in results) md.AppendLine(m.ToMarkdownRow());
File.WriteAllText(Path.Combine(root, "bench", "RESULTS.md"), md.ToString());
Console.WriteLine($"wrote {Path.Combine(root, "bench", "RESULTS.md")}");

// alpha-cl's CNN step against PyTorch at 1 and 2 threads, then one shipped image point against its budget.
static IEnumerable<Measurement> CnnRows(string reference, bool quick)
{
    if (PythonPeer.Available("torch"))
    {
        foreach (var threads in new[] { 1, 2 })
            foreach (var m in CnnStepBenchmark.Run(reference, threads, steps: quick ? 8 : 24, repetitions: quick ? 1 : 3)) yield return m;
    }
    var shipped = CnnStepBenchmark.Shipped(FindRoot());
    var (point, probe) = CnnStepBenchmark.Point(Environment.ProcessorCount, shipped);
    yield return point;
    yield return CnnStepBenchmark.Untrained(Environment.ProcessorCount, shipped, probe);
}

// Packed training against the same points one by one, at batch 64 (the target) and 256.
static IEnumerable<Measurement> PackingRows(bool quick)
{
    foreach (var m in PackingBenchmark.Run(points: 32, batch: 64, epochs: quick ? 1 : 2)) yield return m;
    foreach (var m in PackingBenchmark.Run(points: 32, batch: 256, epochs: quick ? 1 : 2)) yield return m;
}

// A point's evaluation against scikit-learn: the quickstart's shapes (2 features, 3 classes) and a wide one.
static IEnumerable<Measurement> EvaluationRows(string reference, int repetitions)
{
    foreach (var m in EvaluationBenchmark.Run(reference, n: 20_000, m: 2_000, p: 2, k: 3, threads: 1, repetitions)) yield return m;
    foreach (var m in EvaluationBenchmark.Run(reference, n: 20_000, m: 10_000, p: 64, k: 10, threads: 1, repetitions)) yield return m;
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "ContrastiveOrleans.sln"))) return dir.FullName;
    return Directory.GetCurrentDirectory();
}
