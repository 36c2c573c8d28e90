# bash completion for muxi                                  -*- shell-script -*-
#
# One entry per command: its options, and those of them that take a value.
# A new command is one more line in each table (and a case below if the
# values of an option, or its positional arguments, can be completed).

_muxi_commands="chat complete embed models mcp serve tokens"

# The options every MCP server takes; muxi chat spells most with an mcp- prefix.
_muxi_mcp_valued="--env --header --init-timeout --call-timeout --elicit --oauth-client-id --oauth-client-metadata-url"
_muxi_chat_mcp_valued="--mcp --mcp-url --mcp-env --mcp-header --mcp-init-timeout --mcp-call-timeout --elicit --mcp-oauth-client-id --mcp-oauth-client-metadata-url --tool --max-steps"

declare -A _muxi_options=(
    [chat]="-m --model --system --stream --json --image --audio --temperature --max-tokens --output --verbose
        $_muxi_chat_mcp_valued --mcp-verbose --yes -h --help"
    [complete]="-m --model --stream --max-tokens --output -h --help"
    [embed]="-m --model --dimensions --input-type --encoding-format -h --help"
    [models]="--json --refresh -h --help"
    [mcp]="--server --url $_muxi_mcp_valued --verbose --json -h --help"
    [serve]="--host --port --api-key --config --redis --access-log --max-body-bytes --idle-timeout -h --help"
    [tokens]="-m --model --json --messages -h --help"
)

declare -A _muxi_valued=(
    [chat]="-m --model --system --image --audio --temperature --max-tokens --output $_muxi_chat_mcp_valued"
    [complete]="-m --model --max-tokens --output"
    [embed]="-m --model --dimensions --input-type --encoding-format"
    [models]=""
    [mcp]="--server --url $_muxi_mcp_valued"
    [serve]="--host --port --api-key --config --redis --access-log --max-body-bytes --idle-timeout"
    [tokens]="-m --model --messages"
)

# Provider ids as "muxi models --json" lists them.
_muxi_providers()
{
    muxi models --json 2>/dev/null | grep -o '"id": *"[^"]*"' | sed 's/.*"\([^"]*\)"$/\1/'
}

_muxi()
{
    local cur prev words cword
    _init_completion || return

    local command="" i
    for ((i = 1; i < cword; i++)); do
        if [[ ${words[i]} != -* ]]; then
            command=${words[i]}
            break
        fi
    done

    if [[ -z $command ]]; then
        COMPREPLY=($(compgen -W "$_muxi_commands --help --version" -- "$cur"))
        return
    fi
    [[ -n ${_muxi_options[$command]:-} ]] || return

    if [[ -n $prev && " ${_muxi_valued[$command]} " == *" $prev "* ]]; then
        case $prev in
            -m | --model)
                # provider/ first; the model names are each provider's own.
                compopt -o nospace
                COMPREPLY=($(compgen -W "$(_muxi_providers | sed 's|$|/|')" -- "$cur"))
                ;;
            --output)
                COMPREPLY=($(compgen -W "text json" -- "$cur"))
                ;;
            --encoding-format)
                COMPREPLY=($(compgen -W "float base64" -- "$cur"))
                ;;
            --elicit)
                COMPREPLY=($(compgen -W "defaults decline" -- "$cur"))
                ;;
            --image | --audio | --messages)
                _filedir
                ;;
        esac
        return
    fi

    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "${_muxi_options[$command]}" -- "$cur"))
    elif [[ $command == models ]]; then
        COMPREPLY=($(compgen -W "$(_muxi_providers)" -- "$cur"))
    elif [[ $command == mcp && ${words[cword - 1]} == mcp ]]; then
        COMPREPLY=($(compgen -W "tools call" -- "$cur"))
    fi
} && complete -F _muxi muxi

# ex: filetype=sh
