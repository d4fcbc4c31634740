using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ContrastiveOrleans.Experiments.Training;

/// <summary>
/// TorchSharp's SGD (momentum, dampening, weight decay; not Nesterov, minimising) with the same kernels in the same
/// order, but with every scalar operand held until the native call that reads it returns: see
/// <see cref="HeldScalarAdam"/> for the race this avoids.
/// </summary>
public sealed class HeldScalarSgd(IEnumerable<Parameter> parameters, double lr, double momentum = 0, double weightDecay = 0)
    : SGD(parameters, lr, momentum: momentum, weight_decay: weightDecay)
{
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var options = group.Options;
        // What this step does not implement is refused, not ignored (a param group could set it).
        if (options.nesterov == true || options.maximize == true) throw new NotSupportedException("HeldScalarSgd implements SGD without nesterov or maximize");
        double momentum = options.momentum!.Value, weightDecay = options.weight_decay!.Value;
        using var decay = weightDecay.ToScalar();
        using var keep = momentum.ToScalar();
        using var blend = (1 - options.dampening!.Value).ToScalar();
        using var rate = (-options.LearningRate!.Value).ToScalar();
        foreach (var parameter in group.Parameters)
        {
            var state = (State)_state[parameter.Handle];
            var grad = parameter.grad;
            if (grad is null) continue;
            if (weightDecay != 0) grad = grad.add(parameter, alpha: decay);
            if (momentum != 0)
            {
                var buffer = state.momentum_buffer;
                if (buffer is null)
                    state.momentum_buffer = buffer = grad.clone().detach().DetachFromDisposeScope();
                else
                    buffer.mul_(keep).add_(grad, alpha: blend);
                grad = buffer;
            }
            parameter.add_(grad, alpha: rate);
        }
    }, closure);
}
