#!/usr/bin/env bash
# Error and option helpers the cluster scripts share. Set PROGRAM (the script's name, for the
# messages) before sourcing this file.

die() { # die STATUS MESSAGE: one line on stderr, then exit with STATUS
    echo "$PROGRAM: $2" >&2
    exit "$1"
}

need_value() { # need_value OPTION ARGC: an option's value must follow it
    [[ $2 -ge 2 ]] || die 2 "$1 needs a value (see --help)"
}

need_number() { # need_number OPTION VALUE MIN MAX
    if ! [[ $2 =~ ^[0-9]+$ ]] || (( 10#$2 < $3 || 10#$2 > $4 )); then
        die 2 "$1 must be a number from $3 to $4, not '$2'"
    fi
}
