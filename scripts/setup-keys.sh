#!/usr/bin/env bash
# setup-keys.sh: set up ssh key login to every host of pi_list.txt, once, so that deploy.sh
# and cluster.sh never need a password.
#
# Run `scripts/setup-keys.sh --help` for the options.
#
# How it works:
#   1. make a key pair ~/.ssh/id_ed25519 (private, stays on this computer) and
#      ~/.ssh/id_ed25519.pub (public) if there is none;
#   2. for each host: try `ssh -o BatchMode=yes HOST true`, a login that may not ask for a
#      password. If it works, the key is already there: skip the host;
#   3. otherwise run ssh-copy-id, which logs in with the password -- you type it, once per
#      host -- and appends the public key to the host's ~/.ssh/authorized_keys. From then on
#      ssh proves who you are with the key, and no password is asked, typed or stored anywhere.
#
# About host keys. Every ssh server has a key pair of its own, the host key. The first time
# you connect to a host, ssh does not know that key yet and asks "Are you sure you want to
# continue connecting?"; the answer is stored in ~/.ssh/known_hosts. Next time ssh checks that
# the host shows the same key: a different key means another machine answers at that address
# (a re-installed Pi, or someone in the middle of the connection), and ssh refuses to go on.
#   -o StrictHostKeyChecking=accept-new  stores the key of a host never seen before without
#      asking -- so a new laptop in a classroom of 240 Pis needs no 240 "yes" -- but still
#      refuses a host whose key changed. The check stays on for every later connection.
#   -o StrictHostKeyChecking=no (and answering "yes" with expect) would accept a changed
#      key too: that turns the check off, for good, without anybody noticing.
# When a Pi was re-installed on purpose, remove its old key once: ssh-keygen -R ADDRESS.

set -euo pipefail
export LC_ALL=C

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib/pi-list.sh
source "$root/scripts/lib/pi-list.sh"
PROGRAM=setup-keys.sh
# shellcheck source-path=SCRIPTDIR source=lib/options.sh
source "$root/scripts/lib/options.sh"

HOSTS_FILE=""                                  # default: pi_list.txt in the repository
SSH_CONFIG="${CLUSTERLAB_SSH_CONFIG:-}"
CONNECT_TIMEOUT=5
KEY="$HOME/.ssh/id_ed25519"

usage() {
    cat <<'EOF'
Usage: scripts/setup-keys.sh [options]

Set up ssh key login to every host of the host list, so that deploy.sh and
cluster.sh never ask for a password:
  - makes the key ~/.ssh/id_ed25519 if you have none;
  - for each host where key login does not work yet, runs ssh-copy-id: type
    that host's password once. Nothing is stored but the public key, on the
    host, in ~/.ssh/authorized_keys.
Hosts where key login already works are skipped, so it is safe to run again
(after adding Pis, say). New hosts' host keys are accepted and remembered; a
host whose host key changed is refused (ssh-keygen -R ADDRESS after
re-installing a Pi).

Options:
  --hosts FILE          host list (default pi_list.txt in the repository)
  --ssh-config FILE     ssh client configuration to use (ssh -F FILE); the
                        default is $CLUSTERLAB_SSH_CONFIG when that is set
  --connect-timeout S   seconds to wait for a host to answer (default 5)
  -h, --help            show this help

Exit status: 0 key login works on every host, 1 some hosts failed, 2 bad
usage.
EOF
}

# ---------------------------------------------------------------- options
while [[ $# -gt 0 ]]; do
    case "$1" in
        --hosts)           need_value "$1" $#; HOSTS_FILE=$2; shift 2 ;;
        --ssh-config)      need_value "$1" $#; SSH_CONFIG=$2; shift 2 ;;
        --connect-timeout) need_value "$1" $#; CONNECT_TIMEOUT=$2; shift 2 ;;
        -h|--help)         usage; exit 0 ;;
        *)                 die 2 "unknown option '$1' (see --help)" ;;
    esac
done

if ! [[ $CONNECT_TIMEOUT =~ ^[0-9]+$ ]] || (( 10#$CONNECT_TIMEOUT < 1 || 10#$CONNECT_TIMEOUT > 600 )); then
    die 2 "--connect-timeout must be a number from 1 to 600, not '$CONNECT_TIMEOUT'"
fi
CONNECT_TIMEOUT=$((10#$CONNECT_TIMEOUT))
[[ -n $HOSTS_FILE ]] || HOSTS_FILE="$root/pi_list.txt"
if [[ -n $SSH_CONFIG && ! -r $SSH_CONFIG ]]; then
    die 2 "no ssh configuration $SSH_CONFIG (from --ssh-config or CLUSTERLAB_SSH_CONFIG)"
fi
command -v ssh-copy-id >/dev/null 2>&1 || die 2 "ssh-copy-id is missing: sudo apt-get install openssh-client"

# The hosts, each once (a host with slots=3 still needs its key once).
lines="$(pi_list_read "$HOSTS_FILE")" || exit 2
TARGETS=()
while read -r target _; do
    [[ -n $target ]] && TARGETS+=("$target")
done <<<"$lines"
(( ${#TARGETS[@]} > 0 )) || die 2 "no hosts in $HOSTS_FILE"

SSH_OPTS=(-o "ConnectTimeout=$CONNECT_TIMEOUT" -o StrictHostKeyChecking=accept-new)
[[ -n $SSH_CONFIG ]] && SSH_OPTS=(-F "$SSH_CONFIG" "${SSH_OPTS[@]}")

# ---------------------------------------------------------------- the key
# An empty passphrase (-N '') leaves the private key unencrypted on this disk: anyone who can
# read ~/.ssh/id_ed25519 can log in to every Pi. For a classroom of Pis on their own network
# that is a reasonable choice, and it lets scripts run without questions. To protect the key
# instead, give it a passphrase (ssh-keygen -p -f ~/.ssh/id_ed25519) and load it once per
# session into the ssh agent, which then answers for the scripts:
#     eval "$(ssh-agent)"; ssh-add ~/.ssh/id_ed25519
if [[ ! -f $KEY ]]; then
    mkdir -p "$HOME/.ssh"
    chmod 700 "$HOME/.ssh"
    echo "making the key pair $KEY (no passphrase; see ssh-keygen -p and ssh-add to protect it)"
    ssh-keygen -q -t ed25519 -N '' -C "clusterlab $(id -un)@$(hostname)" -f "$KEY"
elif [[ ! -f $KEY.pub ]]; then
    die 2 "$KEY exists but $KEY.pub does not: make it with ssh-keygen -y -f $KEY >$KEY.pub"
fi

# ---------------------------------------------------------------- the hosts
# One host after the other: you may be typing passwords.
installed=0; already=0; failed=0
FAILED_HOSTS=()
for target in "${TARGETS[@]}"; do
    host=${target#*@}
    # Does key login already work? BatchMode=yes: fail instead of asking for a password.
    # (</dev/null: ssh must not read the rest of our input.)
    status=0
    err="$(ssh "${SSH_OPTS[@]}" -o BatchMode=yes "$target" true </dev/null 2>&1 >/dev/null)" || status=$?
    if (( status == 0 )); then
        echo "$target: key login works already"
        already=$((already + 1))
        continue
    fi
    case $err in
        *"Permission denied"*) ;;   # the host answers, but wants a password: install the key
        *"REMOTE HOST IDENTIFICATION HAS CHANGED"*|*"Host key verification failed"*)
            echo "$target: FAILED (its host key changed; if the Pi was re-installed: ssh-keygen -R $host)"
            failed=$((failed + 1)); FAILED_HOSTS+=("$target"); continue ;;
        *)  reason="$(printf '%s\n' "$err" | grep -v '^Warning: Permanently added' | grep -v '^[[:space:]]*$' | tail -n 1 | tr -d '\r')" || true
            echo "$target: FAILED (${reason:-ssh exit status $status})"
            failed=$((failed + 1)); FAILED_HOSTS+=("$target"); continue ;;
    esac
    if ! { : </dev/tty; } 2>/dev/null; then
        echo "$target: FAILED (key login does not work yet, and there is no terminal to type its password)"
        failed=$((failed + 1)); FAILED_HOSTS+=("$target"); continue
    fi
    echo "$target: installing the key; type the password of $target"
    # ssh-copy-id asks for the password on the terminal and appends the key to the host's
    # ~/.ssh/authorized_keys (making ~/.ssh there with the right permissions if needed).
    # Its messages are kept back; the last one is shown if it fails.
    status=0
    out="$(ssh-copy-id -i "$KEY.pub" "${SSH_OPTS[@]}" "$target" </dev/tty 2>&1)" || status=$?
    if (( status == 0 )) && ssh "${SSH_OPTS[@]}" -o BatchMode=yes "$target" true </dev/null >/dev/null 2>&1; then
        echo "$target: key installed"
        installed=$((installed + 1))
    else
        reason="$(printf '%s\n' "$out" | grep -v '^[[:space:]]*$' | tail -n 1 | tr -d '\r')" || true
        echo "$target: FAILED (the key was not installed: ${reason:-ssh-copy-id exit status $status})"
        failed=$((failed + 1)); FAILED_HOSTS+=("$target")
    fi
done

echo "installed $installed, already $already, failed $failed"
if (( failed > 0 )); then
    echo "failed: ${FAILED_HOSTS[*]}"
    exit 1
fi
exit 0
