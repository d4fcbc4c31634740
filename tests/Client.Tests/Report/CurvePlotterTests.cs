using ContrastiveOrleans.Sweeps;
using ContrastiveOrleans.Client.Report;
using ContrastiveOrleans.Grains.Contracts;

namespace ContrastiveOrleans.Client.Tests.Report;

public sealed class CurvePlotterTests
{
    [Fact]
    public void Numeric_curve_has_one_legend_entry_per_series_and_axis_labels_in_valid_svg_and_png()
    {
        var plot = CurvePlotter.Render(ReportSamples.Numeric, ReportSamples.NumericRows);

        var texts = PlotFiles.SvgTexts(plot.Svg);
        Assert.Contains("method = infonce", texts);
        Assert.Contains("method = pca", texts);
        Assert.Contains("subspace_distance", texts);
        Assert.Contains("noise", texts);
        Assert.Contains("subspace-vs-noise", texts);
        Assert.Equal((CurvePlotter.Width, CurvePlotter.Height), PlotFiles.PngSize(plot.Png));
    }

    [Fact]
    public void Categorical_x_puts_each_category_on_a_tick()
    {
        var plot = CurvePlotter.Render(ReportSamples.Categorical, ReportSamples.CategoricalRows);

        var texts = PlotFiles.SvgTexts(plot.Svg);
        Assert.Contains("infonce", texts);
        Assert.Contains("inverse", texts);
        Assert.Contains("power", texts);
        Assert.Contains("nmi", texts);
        Assert.Equal((CurvePlotter.Width, CurvePlotter.Height), PlotFiles.PngSize(plot.Png));
    }

    [Fact]
    public void Values_spanning_two_decades_get_a_log_axis_with_decade_labels()
    {
        CurveRow Row(string x, double mean) => new("c", "", x, "value", mean, mean, mean, 1);
        var plot = CurvePlotter.Render(new CurveSpec("c", "lr", null, "value"), [Row("0.001", 1), Row("0.01", 2), Row("0.1", 3)]);

        var texts = PlotFiles.SvgTexts(plot.Svg);
        Assert.Contains("lr (log scale)", texts);
        Assert.Contains("0.001", texts);
        Assert.Contains("0.1", texts);
    }

    [Theory]
    [InlineData(new[] { "1", "10", "100" }, true, true)]
    [InlineData(new[] { "1", "10", "99" }, true, false)]
    [InlineData(new[] { "0", "10", "1000" }, true, false)]
    [InlineData(new[] { "-1", "100" }, true, false)]
    [InlineData(new[] { "0.001", "0.5" }, true, true)]
    [InlineData(new[] { "infonce", "pca" }, false, false)]
    [InlineData(new[] { "true", "false" }, false, false)]
    public void Axis_is_log_only_for_positive_numbers_spanning_a_factor_of_100(string[] xs, bool numeric, bool log)
    {
        var axis = CurveAxis.For(xs);
        Assert.Equal((numeric, log), (axis.IsNumeric, axis.IsLog));
    }

    [Fact]
    public void Categories_are_placed_at_consecutive_integers_in_ordinal_order()
    {
        var axis = CurveAxis.For(["pca", "infonce", "lda", "pca"]);
        Assert.Equal(["infonce", "lda", "pca"], axis.Categories);
        Assert.Equal([0.0, 1.0, 2.0], axis.Categories.Select(axis.Position));
        Assert.Equal(2.0, CurveAxis.For(["1", "1000"]).Position("100"), 12);
    }

    [Fact]
    public void Conformal_coverage_against_alpha_draws_the_line_one_minus_alpha()
    {
        var curve = new CurveSpec("coverage-vs-alpha", "alpha", "method", "coverage");
        var target = CoverageTarget.For("conformal-sets", curve, []);
        Assert.Equal(new CoverageTarget(true, []).AlphaIsX, target!.AlphaIsX);
        CurveRow Row(string x, double mean) => new(curve.Name, "l2", x, "coverage", mean, mean - 0.01, mean + 0.01, 5);

        var texts = PlotFiles.SvgTexts(CurvePlotter.Render(curve, [Row("0.05", 0.96), Row("0.1", 0.91), Row("0.2", 0.81)], target).Svg);
        Assert.Contains("target 1 − α", texts);
    }

    [Fact]
    public void Conformal_coverage_with_a_fixed_alpha_draws_a_horizontal_target_and_other_curves_draw_none()
    {
        var curve = new CurveSpec("coverage-vs-n", "n_cal", "method", "coverage");
        IEnumerable<double> Alphas(params PointResult[] points) => ResultSummary.Of(points).Alphas;
        PointResult Point(double alpha) => ReportSamples.Done($"{{\"alpha\":{alpha:R},\"n_cal\":100}}", 0.9);
        var target = CoverageTarget.For("conformal-sets", curve, Alphas(Point(0.1), Point(0.1)));
        Assert.Equal([0.1], target!.Alphas);
        Assert.False(target.AlphaIsX);
        Assert.Null(CoverageTarget.For("conformal-sets", curve with { Metric = "size" }, Alphas(Point(0.1))));
        Assert.Null(CoverageTarget.For("gmm-contrastive", curve, Alphas(Point(0.1))));

        CurveRow Row(string x, double mean) => new(curve.Name, "l2", x, "coverage", mean, mean, mean, 1);
        var texts = PlotFiles.SvgTexts(CurvePlotter.Render(curve, [Row("100", 0.9), Row("200", 0.91)], target).Svg);
        Assert.Contains("target 1 − α = 0.9", texts);
    }

    [Fact]
    public void A_curve_without_results_still_renders()
    {
        var plot = CurvePlotter.Render(ReportSamples.Numeric, []);
        Assert.Contains("subspace-vs-noise (no results yet)", PlotFiles.SvgTexts(plot.Svg));
        Assert.Equal((CurvePlotter.Width, CurvePlotter.Height), PlotFiles.PngSize(plot.Png));
    }

    [Fact]
    public void Non_finite_means_are_left_out_of_the_plot()
    {
        CurveRow Row(string x, double mean) => new("c", "", x, "value", mean, mean, mean, 1);
        var plot = CurvePlotter.Render(new CurveSpec("c", "x", null, "value"), [Row("1", 1), Row("2", double.NaN), Row("3", double.PositiveInfinity), Row("4", 2)]);

        var texts = PlotFiles.SvgTexts(plot.Svg);
        Assert.Contains("c", texts);
        Assert.DoesNotContain(texts, t => t.Contains("NaN", StringComparison.Ordinal) || t.Contains('∞', StringComparison.Ordinal));
        Assert.Equal((CurvePlotter.Width, CurvePlotter.Height), PlotFiles.PngSize(plot.Png));
    }

    [Theory]
    [InlineData(new[] { "a b", "a_b", "A_B" }, new[] { "a_b", "a_b-2", "A_B-3" })]
    [InlineData(new[] { "../etc/passwd", "x/y\\z" }, new[] { "_etc_passwd", "x_y_z" })]
    [InlineData(new[] { "", "...", "<script>" }, new[] { "curve", "curve-2", "_script_" })]
    public void Plot_file_names_are_safe_and_distinct(string[] names, string[] expected) =>
        Assert.Equal(expected, PlotFileNames.Assign(names));
}
