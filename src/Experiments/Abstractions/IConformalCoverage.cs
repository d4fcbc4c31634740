namespace ContrastiveOrleans.Experiments.Abstractions;

/// <summary>
/// An experiment whose results carry what the exact split-conformal coverage law needs, so a claim can check coverage
/// against that law (Beta over calibration draws, binomial over test anchors) instead of a t-interval.
/// </summary>
/// <remarks>
/// With n exchangeable calibration scores and rank k = ⌈(n+1)(1−α)⌉, the coverage of the calibrated set is
/// Beta(k, n+1−k) over calibration draws; m test anchors, one score each, cover a Binomial(m, coverage) count.
/// </remarks>
public interface IConformalCoverage
{
    /// <summary>The share of test anchors covered, one score per anchor.</summary>
    string CoverageMetric { get; }

    /// <summary>The number n of calibration scores.</summary>
    string CalibrationCountMetric { get; }

    /// <summary>The number m of test anchors.</summary>
    string TestCountMetric { get; }

    /// <summary>The parameter holding the miscoverage α.</summary>
    string AlphaParameter { get; }

    /// <summary>The parameter value under which calibration scores are exchangeable with a test anchor's score.</summary>
    KeyValuePair<string, object> Exchangeable { get; }
}
