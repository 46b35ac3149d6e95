# bash completion for gate; source it from ~/.bashrc or install it into
# /usr/share/bash-completion/completions/gate.
_gate()
{
	local cur prev cmd
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	cmd=${COMP_WORDS[1]}
	if [ "$COMP_CWORD" -eq 1 ]; then
		COMPREPLY=($(compgen -W "baseline check config hook init install list scan uninstall --version --help -C -c" -- "$cur"))
		return
	fi
	case "$prev" in
	--format) COMPREPLY=($(compgen -W "text json sarif junit github" -- "$cur")); return ;;
	--hook) COMPREPLY=($(compgen -W "pre-commit commit-msg pre-push" -- "$cur")); return ;;
	--checkers) COMPREPLY=($(compgen -W "$(gate list 2>/dev/null | awk '/^[a-z]/ {print $1}')" -- "$cur")); return ;;
	--output|--message-file|--coverage-report|--coverage-base|-c) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	esac
	case "$cmd" in
	check) COMPREPLY=($(compgen -W "--staged --all-files --range --files --message-file --title --checkers --format --output --jobs --coverage-report --coverage-base --no-timings --help" -- "$cur")) ;;
	install) COMPREPLY=($(compgen -W "--hook --force --help" -- "$cur")) ;;
	uninstall) COMPREPLY=($(compgen -W "--hook --help" -- "$cur")) ;;
	hook) COMPREPLY=($(compgen -W "pre-commit commit-msg pre-push" -- "$cur")) ;;
	esac
}
complete -F _gate gate
