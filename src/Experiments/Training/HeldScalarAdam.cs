using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Training;

/// <summary>
/// TorchSharp's Adam (no weight decay, no amsgrad, minimising), step for step the same kernels in the same order, so
/// the same bits, but with every scalar operand held in a variable until the native call that reads it has returned.
/// TorchSharp's own step passes implicitly converted <see cref="Scalar"/>s (<c>add_(eps)</c>, <c>/ Math.Sqrt(...)</c>)
/// whose last managed use is the read of their handle; a collection during the call can finalize and free such a
/// scalar before libtorch reads it, and the step fails with libtorch's "Expected false to be true" (bench --scalar-race
/// measures it: about one call in 10⁴ under allocation pressure from another thread).
/// </summary>
public sealed class HeldScalarAdam(IEnumerable<Parameter> parameters, double lr) : Adam(parameters, lr)
{
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var options = (Options)group.Options;
        // What this step does not implement is refused, not ignored (a param group could set it).
        if (options.weight_decay is not (null or 0) || options.amsgrad == true || options.maximize == true)
        {
            throw new NotSupportedException("HeldScalarAdam implements Adam without weight_decay, amsgrad or maximize");
        }
        double beta1 = options.beta1!.Value, beta2 = options.beta2!.Value;
        using var keep1 = beta1.ToScalar();
        using var blend1 = (1 - beta1).ToScalar();
        using var keep2 = beta2.ToScalar();
        using var blend2 = (1 - beta2).ToScalar();
        using var eps = options.eps!.Value.ToScalar();
        using var one = 1.ToScalar();
        var lr = options.LearningRate!.Value;
        foreach (var parameter in group.Parameters)
        {
            var state = (State)_state[parameter.Handle];
            var grad = parameter.grad;
            if (grad is null) continue;
            state.step += 1;
            var correction1 = 1 - Math.Pow(beta1, state.step);
            var correction2 = 1 - Math.Pow(beta2, state.step);
            state.exp_avg.mul_(keep1).add_(grad, alpha: blend1);
            state.exp_avg_sq.mul_(keep2).addcmul_(grad, grad.conj(), value: blend2);
            using var root2 = Math.Sqrt(correction2).ToScalar();
            var denominator = state.exp_avg_sq.sqrt().div(root2).add_(eps, one);
            using var stepSize = (-(lr / correction1)).ToScalar();
            parameter.addcdiv_(state.exp_avg, denominator, value: stepSize);
        }
    }, closure);
}
