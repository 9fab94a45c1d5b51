#!/usr/bin/env bash
# Reads a pi_list.txt, the cluster's host list, and prints one line per host: TARGET SLOTS, where
# TARGET is "host" or "user@host" and SLOTS how many instances that host runs. A host listed
# several times (the article's way of asking for several instances) is one line with the slots
# added up, in the order hosts first appear.
#
# A line of pi_list.txt is:   [user@]host [slots=N]      ('#' starts a comment; blank lines are fine)
# host is an IPv4 address or a host name; N is 1 to 64.
#
# Use it as a command:  scripts/lib/pi-list.sh pi_list.txt
# or from a script:     source scripts/lib/pi-list.sh; pi_list_read pi_list.txt
# A mistake prints "FILE:LINE: what is wrong" on stderr and fails with status 2.
# src/main/java/clusterlab/cluster/HostList.java reads the same format; both are tested on the
# same sample files (src/test/resources/pi-lists/).

pi_list_error() { # FILE LINE MESSAGE
    echo "$1:$2: $3" >&2
    return 2
}

pi_list_valid_host() {
    local host=$1 octet
    if [[ $host =~ ^[0-9]+(\.[0-9]+){3}$ ]]; then
        IFS=. read -r -a octets <<<"$host"
        for octet in "${octets[@]}"; do
            # 10# reads "08" as eight, not as a bad octal number
            if (( ${#octet} > 3 || 10#$octet > 255 )); then
                return 1
            fi
        done
        return 0
    fi
    [[ ${#host} -le 253 && $host =~ ^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$ && ! $host =~ ^[0-9.]+$ ]]
}

# shellcheck disable=SC2094  # the file is read once; error messages only print its name
pi_list_read() { # FILE
    local file=$1 number=0 line target slots word extra
    local -a order=()
    local -A total=()
    if [[ ! -f $file ]]; then
        echo "$file: no such file (a host list has one host per line; see pi_list.txt)" >&2
        return 2
    fi
    while IFS= read -r line || [[ -n $line ]]; do
        number=$((number + 1))
        line=${line%%#*}
        read -r target word extra <<<"$line" || true
        [[ -n $target ]] || continue
        slots=1
        if [[ -n $word ]]; then
            if [[ $word =~ ^slots=([0-9]+)$ ]] && (( 10#${BASH_REMATCH[1]} >= 1 && 10#${BASH_REMATCH[1]} <= 64 )); then
                slots=$((10#${BASH_REMATCH[1]}))
            else
                pi_list_error "$file" "$number" "'$word' must be slots=N with N from 1 to 64" || return
            fi
        fi
        if [[ -n $extra ]]; then
            pi_list_error "$file" "$number" "unexpected '$extra' (a line is: [user@]host [slots=N])" || return
        fi
        local host=${target#*@} user=""
        if [[ $target == *@* ]]; then
            user=${target%%@*}
            if [[ ! $user =~ ^[a-z_][a-z0-9_-]*$ ]]; then
                pi_list_error "$file" "$number" "'$user' is not a user name" || return
            fi
        fi
        if ! pi_list_valid_host "$host"; then
            pi_list_error "$file" "$number" "'$host' is neither an IPv4 address nor a host name" || return
        fi
        if [[ -z ${total[$target]+set} ]]; then
            order+=("$target")
            total[$target]=0
        fi
        total[$target]=$(( total[$target] + slots ))
    done <"$file"
    for target in "${order[@]}"; do
        echo "$target ${total[$target]}"
    done
}

# Run as a command: print the hosts of the file given.
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
    set -euo pipefail
    if [[ $# -ne 1 || $1 == -h || $1 == --help ]]; then
        echo "usage: scripts/lib/pi-list.sh FILE    prints one line per host: TARGET SLOTS"
        [[ $# -eq 1 ]] && exit 0 || exit 2
    fi
    pi_list_read "$1"
fi
