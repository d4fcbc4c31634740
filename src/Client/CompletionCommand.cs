using System.CommandLine;
using ContrastiveOrleans.Client.Cli;

namespace ContrastiveOrleans.Client;

/// <summary>`contrastive completion bash|zsh`: a shell completion script backed by System.CommandLine's [suggest] directive.</summary>
public sealed class CompletionCommand : CliCommand
{
    private static readonly string[] Shells = ["bash", "zsh"];
    private readonly Argument<string> _shell = CliOptions.Required("SHELL", "The shell: bash or zsh.");

    public CompletionCommand(CliContext context)
        : base("completion", """
            Print a completion script for your shell: commands, options and values complete on Tab.

            Examples:
              source <(contrastive completion bash)
              contrastive completion zsh > "${fpath[1]}/_contrastive"
            """, context)
    {
        Arguments.Add(_shell);
    }

    protected override async Task<int> ExecuteAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var shell = result.GetValue(_shell)!;
        var script = shell switch
        {
            "bash" => """
                _contrastive_complete() {
                    local IFS=$'\n'
                    COMPREPLY=( $(contrastive "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null) )
                }
                complete -o default -F _contrastive_complete contrastive
                """,
            "zsh" => """
                #compdef contrastive
                _contrastive() {
                    local -a completions
                    completions=(${(f)"$(contrastive "[suggest:${#BUFFER}]" "$BUFFER" 2>/dev/null)"})
                    compadd -a completions
                }
                compdef _contrastive contrastive
                """,
            _ => throw new UsageException($"SHELL: '{shell}' is not one of {string.Join(", ", Shells)}"),
        };
        await Console.Out.WriteLineAsync(script).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
