using System.Collections.Concurrent;
using System.Diagnostics;
using ContrastiveOrleans.Experiments.Abstractions;
using ContrastiveOrleans.Experiments.Gmm;
using ContrastiveOrleans.Experiments.Tests.Gmm;

namespace ContrastiveOrleans.Experiments.Tests;

/// <summary>Experiments open "train" and "evaluate" spans under the caller's span when someone listens.</summary>
public sealed class ExperimentTracingTests
{
    [Fact]
    public void An_infonce_run_has_one_train_span_with_its_step_count_and_one_evaluate_span()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ExperimentTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var parameters = GmmContrastiveExperimentTests.Resolve(("d", 6L), ("k", 3L), ("r", 2L), ("n_train", 1000L), ("epochs", 2L), ("batch", 250L));
        using (var root = ExperimentTracing.Source.StartActivity("test-root"))
        {
            Assert.NotNull(root);
            new GmmContrastiveExperiment().Run(new ExperimentContext(parameters, 3), TestContext.Current.CancellationToken);
        }
        var finished = Assert.Single(stopped, a => a.OperationName == "test-root");
        var ours = stopped.Where(a => a.TraceId == finished.TraceId).ToList();
        var train = Assert.Single(ours, a => a.OperationName == "train");
        // 1000 samples in batches of 250 for 2 epochs.
        Assert.Equal(("linear-infonce", 8L), ((string)train.GetTagItem("contrastive.trainer")!, (long)train.GetTagItem("contrastive.training.total_steps")!));
        var evaluate = Assert.Single(ours, a => a.OperationName == "evaluate");
        Assert.Equal("clustering", evaluate.GetTagItem("contrastive.evaluation"));
        Assert.All([train, evaluate], a => Assert.Equal(finished.SpanId, a.ParentSpanId));
    }
}
