#!/usr/bin/env bash
# make-pi-list.sh: write a pi_list.txt for a classroom whose Pis sit on numbered subnets,
# e.g. 192.168.S.H for desks (subnets) S = 4..67 and Pis H = 1..3 on each desk.
#
# Run `scripts/make-pi-list.sh --help` for the options.
#
# How it works:
#   1. check every option: the prefix is two octets, the ranges are FROM-TO (or one number)
#      with octets 0 to 255 and FROM <= TO;
#   2. write the list into a temporary file next to the output (so a half-written file never
#      replaces a good one), one address per line, under a header comment;
#   3. read it back with pi_list_read (scripts/lib/pi-list.sh, the same parser deploy.sh and
#      cluster.sh use) and check it holds exactly the hosts we meant to write;
#   4. move it into place: never over an existing file unless --force is given.

set -euo pipefail
export LC_ALL=C

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib/pi-list.sh
source "$root/scripts/lib/pi-list.sh"
PROGRAM=make-pi-list.sh
# shellcheck source-path=SCRIPTDIR source=lib/options.sh
source "$root/scripts/lib/options.sh"

PREFIX=""
SUBNETS=""
HOSTS=""
USER_NAME=""
SLOTS=1
OUT=pi_list.txt
FORCE=0

usage() {
    cat <<'EOF'
Usage: scripts/make-pi-list.sh --prefix A.B --subnets FROM-TO --hosts FROM-TO [options]

Write a host list with one line per address A.B.S.H, for every subnet S in the
--subnets range and every host H in the --hosts range, subnet by subnet:
  192.168.4.1, 192.168.4.2, 192.168.4.3, 192.168.5.1, ...

Options:
  --prefix A.B        the first two octets of every address, e.g. 192.168
  --subnets FROM-TO   the third octet: a range such as 4-67, or one number
  --hosts FROM-TO     the fourth octet: a range such as 1-3, or one number
  --user NAME         log in as NAME: lines become NAME@A.B.S.H (default: no
                      user, so ssh uses your own name or your ~/.ssh/config)
  --slots N           run N instances on every host: adds "slots=N" to each
                      line (default 1, written as nothing)
  --out FILE          the file to write (default pi_list.txt); "-" writes to
                      standard output
  --force             overwrite FILE if it exists
  -h, --help          show this help

Example, the article's classroom (80 desks of three Pis on 192.168.4.x to
192.168.67.x), logging in as user pi:
  scripts/make-pi-list.sh --prefix 192.168 --subnets 4-67 --hosts 1-3 --user pi

Exit status: 0 written, 1 the file exists (add --force) or could not be
written, 2 bad usage.
EOF
}

# ---------------------------------------------------------------- options
while [[ $# -gt 0 ]]; do
    case "$1" in
        --prefix)  need_value "$1" $#; PREFIX=$2; shift 2 ;;
        --subnets) need_value "$1" $#; SUBNETS=$2; shift 2 ;;
        --hosts)   need_value "$1" $#; HOSTS=$2; shift 2 ;;
        --user)    need_value "$1" $#; USER_NAME=$2; shift 2 ;;
        --slots)   need_value "$1" $#; SLOTS=$2; shift 2 ;;
        --out)     need_value "$1" $#; OUT=$2; shift 2 ;;
        --force)   FORCE=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *)         die 2 "unknown option '$1' (see --help)" ;;
    esac
done

[[ -n $PREFIX ]]  || die 2 "--prefix is missing, e.g. --prefix 192.168 (see --help)"
[[ -n $SUBNETS ]] || die 2 "--subnets is missing, e.g. --subnets 4-67 (see --help)"
[[ -n $HOSTS ]]   || die 2 "--hosts is missing, e.g. --hosts 1-3 (see --help)"

# An octet is a number from 0 to 255, written without a leading zero (an address like
# 192.168.004.1 is read as octal by some programs, so we refuse it).
is_octet() {
    [[ $1 =~ ^(0|[1-9][0-9]{0,2})$ ]] && (( $1 <= 255 ))
}

if [[ $PREFIX == *.* ]]; then prefix_a=${PREFIX%%.*}; prefix_b=${PREFIX#*.}; else prefix_a=x; prefix_b=x; fi
if ! is_octet "$prefix_a" || ! is_octet "$prefix_b"; then
    die 2 "--prefix must be two octets A.B, each 0 to 255, such as 192.168 (not '$PREFIX')"
fi

# parse_range OPTION VALUE: sets RANGE_FROM and RANGE_TO from "FROM-TO" or "N".
parse_range() {
    local option=$1 value=$2
    if [[ $value =~ ^([0-9]+)-([0-9]+)$ ]]; then
        RANGE_FROM=${BASH_REMATCH[1]}; RANGE_TO=${BASH_REMATCH[2]}
    elif [[ $value =~ ^[0-9]+$ ]]; then
        RANGE_FROM=$value; RANGE_TO=$value
    else
        die 2 "$option must be FROM-TO or one number, such as 4-67 (not '$value')"
    fi
    is_octet "$RANGE_FROM" || die 2 "$option: $RANGE_FROM is not an octet (0 to 255, no leading zeros)"
    is_octet "$RANGE_TO"   || die 2 "$option: $RANGE_TO is not an octet (0 to 255, no leading zeros)"
    (( RANGE_FROM <= RANGE_TO )) || die 2 "$option: $RANGE_FROM-$RANGE_TO runs backwards (FROM must be <= TO)"
}
parse_range --subnets "$SUBNETS"; SUBNET_FROM=$RANGE_FROM; SUBNET_TO=$RANGE_TO
parse_range --hosts "$HOSTS";     HOST_FROM=$RANGE_FROM;   HOST_TO=$RANGE_TO

# The same rule for user names as pi-list.sh, so the file we write always reads back.
if [[ -n $USER_NAME && ! $USER_NAME =~ ^[a-z_][a-z0-9_-]*$ ]]; then
    die 2 "--user: '$USER_NAME' is not a user name (lower-case letters, digits, _ and -)"
fi
if ! [[ $SLOTS =~ ^[0-9]+$ ]] || (( 10#$SLOTS < 1 || 10#$SLOTS > 64 )); then
    die 2 "--slots must be a number from 1 to 64, not '$SLOTS'"
fi
SLOTS=$((10#$SLOTS))

# Refuse to overwrite before doing any work.
if [[ $OUT != - && -e $OUT && $FORCE -eq 0 ]]; then
    die 1 "$OUT exists: add --force to overwrite it, or choose another file with --out"
fi

# ---------------------------------------------------------------- write
# The temporary file sits next to the output, so the final mv is a rename on the same disk.
if [[ $OUT == - ]]; then
    TMP="$(mktemp "${TMPDIR:-/tmp}/pi_list.XXXXXX")"
else
    out_dir="$(dirname "$OUT")"
    [[ -d $out_dir ]] || die 1 "cannot write $OUT: there is no directory $out_dir"
    TMP="$(mktemp "$out_dir/.pi_list.XXXXXX")" || die 1 "cannot write in $out_dir"
fi
trap 'rm -f "$TMP"' EXIT

count=$(( (SUBNET_TO - SUBNET_FROM + 1) * (HOST_TO - HOST_FROM + 1) ))
user_part=""
[[ -n $USER_NAME ]] && user_part="$USER_NAME@"
slots_part=""
(( SLOTS > 1 )) && slots_part=" slots=$SLOTS"
# The command that made the file, for its header.
made_with="scripts/make-pi-list.sh --prefix $PREFIX --subnets $SUBNETS --hosts $HOSTS"
[[ -n $USER_NAME ]] && made_with+=" --user $USER_NAME"
(( SLOTS > 1 )) && made_with+=" --slots $SLOTS"

{
    echo "# The cluster's hosts, one per line (format: [user@]host [slots=N]; '#' starts a comment)."
    echo "# Written by: $made_with"
    echo "# on $(date '+%Y-%m-%d %H:%M'): $count hosts, $PREFIX.$SUBNET_FROM.$HOST_FROM to $PREFIX.$SUBNET_TO.$HOST_TO."
    for (( s = SUBNET_FROM; s <= SUBNET_TO; s++ )); do
        for (( h = HOST_FROM; h <= HOST_TO; h++ )); do
            echo "$user_part$PREFIX.$s.$h$slots_part"
        done
    done
} >"$TMP" || die 1 "cannot write $TMP"

# ---------------------------------------------------------------- check
# Read the file back with the parser every script uses: each host must come back once,
# in order, with its slots.
expected() {
    for (( s = SUBNET_FROM; s <= SUBNET_TO; s++ )); do
        for (( h = HOST_FROM; h <= HOST_TO; h++ )); do
            echo "$user_part$PREFIX.$s.$h $SLOTS"
        done
    done
}
if ! parsed="$(pi_list_read "$TMP")"; then
    die 1 "the list written does not read back (see the message above); nothing was written to $OUT"
fi
if [[ $parsed != "$(expected)" ]]; then
    die 1 "the list written does not read back as the $count hosts asked for; nothing was written to $OUT"
fi

if [[ $OUT == - ]]; then
    cat "$TMP"
else
    chmod 644 "$TMP"
    mv -f "$TMP" "$OUT" || die 1 "cannot write $OUT"
    echo "wrote $OUT: $count hosts, $PREFIX.$SUBNET_FROM.$HOST_FROM to $PREFIX.$SUBNET_TO.$HOST_TO" >&2
fi
