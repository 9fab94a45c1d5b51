#!/usr/bin/env bash
# virtual-cluster.sh: a "virtual cluster" of N nodes on one Linux machine, so you can practise
# deploying over ssh exactly as on a rack of Raspberry Pis, with one laptop (or in CI).
#
# Run `scripts/virtual-cluster.sh --help` for the commands.
#
# How it works (all of it needs root, hence sudo):
#   * A network namespace is a private copy of the Linux network stack: its own interfaces,
#     addresses, routes and ports. Each node i is one namespace, clnode<i>, with one interface
#     eth0 holding 10.77.0.<i>/24 -- to a program running inside, it looks like a Pi with one
#     network cable.
#   * The "cable" is a veth pair: two virtual interfaces joined back to back. One end (eth0)
#     sits in the node's namespace, the other (clv<i>) is plugged into a bridge, clbr0, in the
#     normal ("root") namespace. The bridge is the switch of the rack, and this machine is on
#     it too as 10.77.0.254, so you can reach every node from your own shell.
#   * Each node runs its own sshd, listening on 10.77.0.<i> port 22, started inside the
#     namespace with `ip netns exec clnode<i> ...`. Its host key, config, pid file and log are
#     in DIR/node<i>/.
#   * Namespaces share the file system, so each node gets its own user, clnode<i>, with home
#     directory /home/clnode<i>: what you copy to clnode1@10.77.0.1 lands in /home/clnode1.
#     One client key, DIR/id_ed25519, logs in to every node (like ssh-copy-id on each Pi).
#   * Each sshd also gets its own hostname (a UTS namespace, made with `unshare --uts`), so
#     `ssh ... hostname` answers clnode<i>; and `ip netns exec` bind-mounts
#     /etc/netns/clnode<i>/hosts over /etc/hosts for processes of that node, so the names
#     clnode1..clnodeN resolve there (Java's InetAddress.getLocalHost() needs its own name).
#   * DIR/pi_list.txt and DIR/ssh_config are what the deploy scripts read: the host list, and
#     the ssh options (which key, which known_hosts file, no password prompts, a 5 s timeout).
#
# Only addresses in 10.77.0.0/24 are used; `up` refuses if this machine already uses that
# subnet. Only one virtual cluster can be up at a time (the names clbr0, clnode<i> are fixed).

set -euo pipefail
export LC_ALL=C

PROG=virtual-cluster.sh
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
DEFAULT_DIR="$REPO_ROOT/build/vcluster"

NET=10.77.0                 # the nodes are NET.1 .. NET.N
HOST_ADDR=10.77.0.254       # this machine, on the bridge
BRIDGE=clbr0
MAX_NODES=20
SSHD=/usr/sbin/sshd
SSHD_WAIT=10                # seconds to wait for the sshds to accept connections
MARKER=.virtual-cluster     # file in DIR saying this script made DIR (down only deletes such a DIR)
GECOS="clusterlab virtual-cluster node"   # comment field of the users we make (down only deletes those)
ALIAS_PREFIX="clusterlab virtual-cluster dir="   # bridge alias remembering DIR for down/status
LOCK=/run/clusterlab-virtual-cluster.lock        # one command at a time changes the cluster

usage() {
    cat <<'EOF'
Usage: sudo scripts/virtual-cluster.sh COMMAND [--dir DIR]

A virtual cluster on this machine: N nodes, each a network namespace with its own address,
its own user and home directory, and its own sshd -- deploy to it over ssh as to real Pis.

Commands:
  up N              make nodes clnode1..clnodeN (N from 1 to 20) at 10.77.0.1..10.77.0.N,
                    each running sshd; this machine is 10.77.0.254 on the same network.
                    Writes DIR/pi_list.txt, DIR/ssh_config and the client key DIR/id_ed25519.
  down              stop everything up made and delete it (fine to run twice)
  status            one line per node: namespace, address, is its sshd running
  stop-sshd I       stop node I's sshd: new ssh connections to it are refused, like a Pi
                    whose sshd died (open sessions and programs already running go on)
  start-sshd I      start node I's sshd again
  unplug I          take node I off the network (its cable is pulled): connections to it
                    now time out instead of being refused, like a Pi that is switched off
  plug I            put node I back on the network

Options:
  --dir DIR         where the keys, configs and logs go (default: build/vcluster in the
                    repository). down, status and the node commands find it by themselves
                    when up was given another --dir.
  -h, --help        show this help

Example (run the ssh and deploy commands as yourself, not with sudo):
  sudo scripts/virtual-cluster.sh up 3
  ssh -F build/vcluster/ssh_config clnode1@10.77.0.1 'hostname; whoami; pwd'
  scripts/deploy.sh --hosts build/vcluster/pi_list.txt --ssh-config build/vcluster/ssh_config
  sudo scripts/virtual-cluster.sh down

Needs Linux, root, iproute2 (ip), openssh-server (sshd) and openssh-client.
Exit status: 0 ok; 1 failed (status: no cluster is up, or some node has no sshd or is unplugged);
2 bad usage, not root, or a missing tool.
EOF
}

die() { # die STATUS MESSAGE
    echo "$PROG: $2" >&2
    exit "$1"
}

# ---------------------------------------------------------------------------------------------
# Names of node i's parts
ns_of()   { echo "clnode$1"; }          # network namespace
user_of() { echo "clnode$1"; }          # user, home /home/clnode<i>
veth_of() { echo "clv$1"; }             # bridge end of its veth pair
addr_of() { echo "$NET.$1"; }
node_dir() { echo "$DIR/node$1"; }

# Time since START, for the summaries ("1.4 s"). EPOCHREALTIME is bash 5's clock in microseconds.
now_us() { local t=${EPOCHREALTIME/./}; echo "$t"; }
elapsed() { # elapsed START_US
    local us=$(( $(now_us) - $1 ))
    printf '%d.%d s' $(( us / 1000000 )) $(( us % 1000000 / 100000 ))
}

plural() { # plural COUNT ONE MANY: "1 node", "3 nodes"
    if (( $1 == 1 )); then echo "$1 $2"; else echo "$1 $3"; fi
}

# A path as the user typed it: relative to the current directory when it is under it.
show_path() {
    case $1 in
        "$PWD"/*) echo "${1#"$PWD"/}" ;;
        *) echo "$1" ;;
    esac
}

need_root() { # need_root WHAT
    if [[ $(id -u) -ne 0 ]]; then
        echo "$PROG: needs root to $1: run it with sudo" >&2
        exit 2
    fi
}

need_tools() {
    local tool
    for tool in ip "$SSHD" ssh ssh-keygen useradd userdel unshare hostname timeout realpath; do
        command -v "$tool" >/dev/null 2>&1 ||
            die 2 "'$tool' not found: install it (Debian: sudo apt install iproute2 openssh-server openssh-client)"
    done
}

# Node number from the command line: 1..20, as a plain decimal number.
parse_index() { # parse_index TEXT
    if [[ ! $1 =~ ^[0-9]{1,2}$ ]] || (( 10#$1 < 1 || 10#$1 > MAX_NODES )); then
        die 2 "'$1' is not a node number from 1 to $MAX_NODES"
    fi
    echo $(( 10#$1 ))
}

ns_exists()   { [[ -e /run/netns/$1 ]]; }
link_exists() { ip link show dev "$1" >/dev/null 2>&1; }
our_user()    { [[ $(getent passwd "$1" | cut -d: -f5) == "$GECOS" ]]; }

# The DIR that up recorded in the bridge's alias (nothing when no cluster is up).
recorded_dir() {
    local alias=""
    if [[ -r /sys/class/net/$BRIDGE/ifalias ]]; then
        alias=$(cat "/sys/class/net/$BRIDGE/ifalias")
    fi
    if [[ $alias == "$ALIAS_PREFIX"/* ]]; then
        echo "${alias#"$ALIAS_PREFIX"}"
    fi
}

# DIR for the commands after up: --dir if given, else the recorded one, else the default.
# A --dir naming another directory than the cluster that is up is refused, so that, say, a
# test's `down --dir build/vcluster-test` never takes down the cluster you made by hand.
resolve_dir() { # resolve_dir DIR_OPTION
    local recorded dir
    recorded=$(recorded_dir)
    if [[ -n $1 ]]; then
        dir=$(realpath -m -- "$1")
        if [[ -n $recorded && $recorded != "$dir" ]]; then
            die 1 "the virtual cluster that is up was made with --dir $recorded, not $dir"
        fi
        echo "$dir"
    elif [[ -n $recorded ]]; then
        echo "$recorded"
    else
        echo "$DEFAULT_DIR"
    fi
}

# The node numbers that have anything left: a namespace, a veth, a user, a hosts file, a
# directory in DIR. down uses it to clean up after a crash as well as after a good up.
find_nodes() {
    {
        ip netns list 2>/dev/null | sed -n 's/^clnode\([0-9]\{1,\}\)\( .*\)\{0,1\}$/\1/p' || true
        ip -o link show 2>/dev/null | sed -n 's/^[0-9]*: clv\([0-9]\{1,\}\)[@:].*/\1/p' || true
        getent passwd | awk -F: -v g="$GECOS" '$1 ~ /^clnode[0-9]+$/ && $5 == g { print substr($1, 7) }' || true
        local path
        for path in /etc/netns/clnode*; do
            [[ -d $path && $path =~ ^/etc/netns/clnode([0-9]+)$ ]] && echo "${BASH_REMATCH[1]}"
        done
        if [[ -f $DIR/$MARKER ]]; then
            for path in "$DIR"/node*; do
                [[ $path =~ /node([0-9]+)$ ]] && echo "${BASH_REMATCH[1]}"
            done
        fi
        true
    } | sort -n -u
}

# ---------------------------------------------------------------------------------------------
# One node's sshd

# The PID in node i's pid file, if that process really is the sshd we started with node i's
# config (a stale pid file could name some other process by now). Fails otherwise.
sshd_pid() { # sshd_pid I
    local pidfile pid
    pidfile="$(node_dir "$1")/sshd.pid"
    [[ -f $pidfile ]] || return 1
    pid=$(head -n 1 "$pidfile" 2>/dev/null) || return 1
    [[ $pid =~ ^[0-9]+$ && -r /proc/$pid/cmdline ]] || return 1
    [[ $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) == *"-f $(node_dir "$1")/sshd_config"* ]] || return 1
    echo "$pid"
}

# Does ADDRESS accept TCP connections on port 22? (bash's /dev/tcp, at most 1 s)
port22_open() { # port22_open ADDRESS
    # shellcheck disable=SC2016  # $1 is expanded by the inner bash
    timeout 1 bash -c 'exec 3<>"/dev/tcp/$1/22"' _ "$1" 2>/dev/null
}

# Start node i's sshd inside its namespace, with its own hostname; does not wait for it.
launch_sshd() { # launch_sshd I
    local i=$1 dir
    dir=$(node_dir "$i")
    # sshd refuses to start without its privilege separation directory (normally made by the
    # system's ssh service at boot).
    mkdir -p /run/sshd
    chmod 755 /run/sshd
    rm -f "$dir/sshd.pid"
    # ip netns exec: run in the node's network namespace (and see /etc/netns/clnode<i>/hosts as
    # /etc/hosts). unshare --uts: a private hostname for this sshd and every session it starts.
    # sshd checks its config, then forks into the background and writes its pid file.
    # (9>&-: the daemon must not keep our lock open.)
    # shellcheck disable=SC2016  # $1..$4 are expanded by the inner sh
    if ! ip netns exec "$(ns_of "$i")" unshare --uts \
            sh -c 'hostname "$1" && exec "$2" -f "$3" -E "$4"' \
            sh "$(ns_of "$i")" "$SSHD" "$dir/sshd_config" "$dir/sshd.log" 9>&-; then
        echo "$PROG: sshd of $(ns_of "$i") did not start; the end of $dir/sshd.log:" >&2
        tail -n 5 "$dir/sshd.log" >&2 2>/dev/null || true
        return 1
    fi
}

# Wait until each listed node's sshd accepts connections, SSHD_WAIT seconds in all.
wait_sshd() { # wait_sshd I...
    local deadline=$(( SECONDS + SSHD_WAIT )) i
    for i in "$@"; do
        until port22_open "$(addr_of "$i")"; do
            if (( SECONDS >= deadline )); then
                echo "$PROG: sshd of $(ns_of "$i") accepts no connections after $SSHD_WAIT s; see $(node_dir "$i")/sshd.log" >&2
                return 1
            fi
            sleep 0.1
        done
    done
}

# Is process PID still running? A process that has exited but not yet been collected by its
# parent (a "zombie", state Z) counts as gone: sshd's parent is PID 1, which may take a while.
alive() { # alive PID
    local stat
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    stat=${stat##*) }           # the fields after "PID (name) "; the first is the state
    [[ ${stat%% *} != Z ]]
}

# Stop node i's sshd by its pid file: SIGTERM, then SIGKILL after 5 s. Prints the PID stopped.
stop_sshd() { # stop_sshd I
    local pid n
    pid=$(sshd_pid "$1") || return 1
    kill -TERM "$pid" 2>/dev/null || true
    for (( n = 0; n < 50; n++ )); do
        alive "$pid" || break
        sleep 0.1
    done
    alive "$pid" && kill -KILL "$pid" 2>/dev/null
    rm -f "$(node_dir "$1")/sshd.pid"
    echo "$pid"
}

# Kill whatever still runs in node i's namespace: ssh sessions, and programs the cluster scripts
# started there. `ip netns pids` lists exactly the processes inside our own namespace.
# SIGTERM first, SIGKILL what is left after 3 s. Prints how many there were.
kill_ns_processes() { # kill_ns_processes I
    local ns pids n
    ns=$(ns_of "$1")
    pids=$(ip netns pids "$ns" 2>/dev/null | tr '\n' ' ') || true
    if [[ -z ${pids// /} ]]; then
        echo 0
        return 0
    fi
    # shellcheck disable=SC2086  # one argument per PID
    kill -TERM $pids 2>/dev/null || true
    for (( n = 0; n < 30; n++ )); do
        [[ -z $(ip netns pids "$ns" 2>/dev/null) ]] && break
        sleep 0.1
    done
    local left
    left=$(ip netns pids "$ns" 2>/dev/null | tr '\n' ' ') || true
    # shellcheck disable=SC2086
    [[ -n ${left// /} ]] && kill -KILL $left 2>/dev/null
    # shellcheck disable=SC2086
    set -- $pids
    echo $#
}

# ---------------------------------------------------------------------------------------------
# down: remove everything, whatever state up left it in. Never fails; says what it removed.
do_down() {
    local i ns user veth did parts pid count out joined
    did=0
    for i in $(find_nodes); do
        ns=$(ns_of "$i") user=$(user_of "$i") veth=$(veth_of "$i")
        parts=()
        if pid=$(stop_sshd "$i"); then
            parts+=("stopped sshd (pid $pid)")
        fi
        if ns_exists "$ns"; then
            count=$(kill_ns_processes "$i")
            (( count > 0 )) && parts+=("killed $(plural "$count" process processes) in it")
        fi
        # Deleting one end of a veth pair deletes both.
        if link_exists "$veth"; then
            ip link delete dev "$veth" 2>/dev/null && parts+=("deleted link $veth")
        fi
        if ns_exists "$ns"; then
            ip netns delete "$ns" 2>/dev/null && parts+=("deleted namespace $ns")
        fi
        if getent passwd "$user" >/dev/null; then
            if our_user "$user"; then
                if out=$(userdel -r "$user" 2>&1); then
                    parts+=("deleted user $user and /home/$user")
                else
                    # userdel warns when there is no mail spool; anything else is worth showing
                    out=$(grep -v 'mail spool' <<<"$out" || true)
                    parts+=("could not delete user $user${out:+: $out}")
                fi
            else
                parts+=("left user $user alone (virtual-cluster.sh did not make it)")
            fi
        fi
        if [[ -d /etc/netns/$ns ]]; then
            rm -f "/etc/netns/$ns/hosts"
            rmdir "/etc/netns/$ns" 2>/dev/null && parts+=("deleted /etc/netns/$ns")
        fi
        if (( ${#parts[@]} > 0 )); then
            did=1
            joined=$(printf '%s, ' "${parts[@]}")
            echo "$ns: ${joined%, }"
        fi
    done
    rmdir /etc/netns 2>/dev/null || true     # only if empty
    if link_exists "$BRIDGE"; then
        ip link delete dev "$BRIDGE" 2>/dev/null && { echo "deleted bridge $BRIDGE ($HOST_ADDR/24)"; did=1; }
    fi
    if [[ -f $DIR/$MARKER && $DIR != / ]]; then
        rm -rf -- "$DIR" && { echo "deleted $(show_path "$DIR")"; did=1; }
    fi
    (( did )) || echo "nothing to remove: no virtual cluster is up"
}

# ---------------------------------------------------------------------------------------------
# While up runs: if it stops half-way (an error, Ctrl-C), remove everything it made.
# (The functions here end with `return 0`, never a bare `return`: run from a trap, a bare
# return hands back the status of the command that failed before the trap, and set -e then
# stops the clean-up half-way.)
up_on_exit() {
    local status=$?
    trap - EXIT
    if (( status != 0 )); then
        if (( status > 128 )); then
            echo "$PROG: up interrupted; removing what it made:" >&2
        else
            echo "$PROG: up failed; removing what it made:" >&2
        fi
        do_down | sed 's/^/  /' >&2
    fi
    exit "$status"
}

cmd_up() { # cmd_up N
    local n=$1 i start
    start=$(now_us)
    need_root "create network namespaces"
    need_tools

    # One cluster at a time: the names are fixed.
    if link_exists "$BRIDGE" || [[ $(ip netns list 2>/dev/null) =~ (^|$'\n')clnode[0-9] ]]; then
        die 1 "a virtual cluster is already up (see 'scripts/$PROG status'): run 'sudo scripts/$PROG down' first"
    fi
    # Never clash with a real network this machine is on.
    if [[ -n $(ip -4 -o addr show to "$NET.0/24") || -n $(ip -4 route show root "$NET.0/24") ]]; then
        die 1 "this machine already uses $NET.0/24 (see 'ip -4 addr'); the virtual cluster needs that subnet for itself"
    fi
    if [[ -e $DIR && ! -f $DIR/$MARKER && -n $(ls -A "$DIR" 2>/dev/null) ]]; then
        die 1 "$DIR exists and was not made by $PROG: choose another --dir, or remove it"
    fi
    for (( i = 1; i <= n; i++ )); do
        if getent passwd "$(user_of "$i")" >/dev/null && ! our_user "$(user_of "$i")"; then
            die 1 "a user $(user_of "$i") exists that $PROG did not make: remove it, or use fewer nodes"
        fi
    done
    # Leftovers of a crashed run (users, /etc/netns files, DIR): clear them first.
    if [[ -n $(find_nodes) || -f $DIR/$MARKER ]]; then
        echo "removing what an earlier run left behind:"
        do_down | sed 's/^/  /'
    fi

    # From here on, a failure (or Ctrl-C) removes everything made so far.
    trap up_on_exit EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM

    # The directory, owned by whoever ran sudo, so ssh and the deploy scripts work without root.
    # Directories we create on the way (such as build/) are theirs too.
    local owner="" d
    local -a made=()
    if [[ -n ${SUDO_UID:-} && ${SUDO_UID:-0} != 0 ]]; then
        owner="$SUDO_UID:${SUDO_GID:-$SUDO_UID}"
    fi
    d=$DIR
    while [[ ! -e $d ]]; do made+=("$d"); d=$(dirname "$d"); done
    mkdir -p "$DIR"
    echo "$n" >"$DIR/$MARKER"
    [[ -n $owner && ${#made[@]} -gt 0 ]] && chown "$owner" "${made[@]}"

    # The client key: one key for all nodes, no passphrase (the deploy scripts run unattended).
    ssh-keygen -q -t ed25519 -N '' -C "clusterlab virtual cluster" -f "$DIR/id_ed25519"

    # The switch: a bridge, with this machine on it as 10.77.0.254.
    ip link add name "$BRIDGE" type bridge
    if (( ${#ALIAS_PREFIX} + ${#DIR} < 250 )); then
        ip link set dev "$BRIDGE" alias "$ALIAS_PREFIX$DIR"
    fi
    ip addr add "$HOST_ADDR/24" dev "$BRIDGE"
    ip link set dev "$BRIDGE" up

    local ns user veth addr dir home j
    for (( i = 1; i <= n; i++ )); do
        ns=$(ns_of "$i") user=$(user_of "$i") veth=$(veth_of "$i") addr=$(addr_of "$i")
        dir=$(node_dir "$i") home=/home/$user

        # The node: a namespace, a cable (veth pair) from its eth0 to the bridge, an address.
        ip netns add "$ns"
        ip link add name "$veth" type veth peer name eth0 netns "$ns"
        ip link set dev "$veth" master "$BRIDGE" up
        ip -n "$ns" addr add "$addr/24" dev eth0
        ip -n "$ns" link set dev eth0 up
        ip -n "$ns" link set dev lo up

        # Its user and home directory. useradd leaves the password locked ("!"), and sshd
        # without PAM refuses key logins to locked accounts; "*" means "no password" instead.
        useradd -m -d "$home" -s /bin/bash -c "$GECOS" "$user" || die 1 "useradd $user failed"
        usermod -p '*' "$user"
        chown -R "$user:" "$home"     # in case /home/clnode<i> was left over from a crash
        install -d -m 700 -o "$user" -g "$(id -g "$user")" "$home/.ssh"
        install -m 600 -o "$user" -g "$(id -g "$user")" "$DIR/id_ed25519.pub" "$home/.ssh/authorized_keys"

        # The names of the cluster, as the node sees them (/etc/hosts inside the namespace).
        mkdir -p "/etc/netns/$ns"
        {
            echo "# /etc/hosts of virtual node $ns, made by $PROG"
            echo "127.0.0.1 localhost"
            echo "::1 localhost ip6-localhost ip6-loopback"
            for (( j = 1; j <= n; j++ )); do echo "$(addr_of "$j") $(ns_of "$j")"; done
        } >"/etc/netns/$ns/hosts"

        # Its sshd: own host key and config, listening on the node's address only.
        mkdir -p "$dir"
        ssh-keygen -q -t ed25519 -N '' -C "$ns host key" -f "$dir/ssh_host_ed25519_key"
        cat >"$dir/sshd_config" <<EOF
# sshd_config of virtual node $ns, made by $PROG
ListenAddress $addr
Port 22
HostKey "$dir/ssh_host_ed25519_key"
PidFile "$dir/sshd.pid"
# Keys only: no passwords, no PAM, no root.
AuthorizedKeysFile .ssh/authorized_keys
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PermitRootLogin no
AllowUsers $user
# The repository may sit under a directory others can write to; don't refuse keys for that.
StrictModes no
LogLevel INFO
PrintMotd no
PrintLastLog no
X11Forwarding no
# scp and sftp (scp speaks sftp since OpenSSH 9)
Subsystem sftp internal-sftp
EOF
        launch_sshd "$i"
    done
    wait_sshd $(seq 1 "$n")   # the list of node numbers

    # What the deploy scripts read.
    {
        echo "# pi_list.txt of a virtual cluster of $n nodes, made by $PROG."
        echo "# Use it with --ssh-config $(show_path "$DIR")/ssh_config; 'sudo scripts/$PROG down' deletes it."
        for (( i = 1; i <= n; i++ )); do echo "$(user_of "$i")@$(addr_of "$i")"; done
    } >"$DIR/pi_list.txt"
    cat >"$DIR/ssh_config" <<EOF
# ssh options for the virtual cluster, made by $PROG. Use: ssh -F $(show_path "$DIR")/ssh_config clnode1@$NET.1
Host $NET.*
    IdentityFile "$DIR/id_ed25519"
    IdentitiesOnly yes
    UserKnownHostsFile "$DIR/known_hosts"
    StrictHostKeyChecking accept-new
    BatchMode yes
    ConnectTimeout 5
EOF
    : >"$DIR/known_hosts"
    if [[ -n $owner ]]; then
        chown "$owner" "$DIR" "$DIR/$MARKER" "$DIR/id_ed25519" "$DIR/id_ed25519.pub" \
            "$DIR/pi_list.txt" "$DIR/ssh_config" "$DIR/known_hosts"
    fi

    trap - EXIT INT TERM
    local shown
    shown=$(show_path "$DIR")
    echo "virtual cluster up: $(plural "$n" node nodes) in $(elapsed "$start")"
    echo "  bridge $BRIDGE   $HOST_ADDR/24   (this machine, as the nodes see it)"
    for (( i = 1; i <= n; i++ )); do
        printf '  %-13s %-12s user %s, home /home/%s, sshd pid %s\n' "$(ns_of "$i")" "$(addr_of "$i")" \
            "$(user_of "$i")" "$(user_of "$i")" "$(sshd_pid "$i" || echo '?')"
    done
    echo "  $shown/: pi_list.txt ssh_config id_ed25519 known_hosts node<i>/{sshd_config,sshd.log,...}"
    echo "next, as yourself (no sudo):"
    echo "  ssh -F $shown/ssh_config clnode1@$NET.1 hostname"
    echo "  scripts/deploy.sh --hosts $shown/pi_list.txt --ssh-config $shown/ssh_config"
    echo "when done: sudo scripts/$PROG down"
}

cmd_down() {
    need_root "delete network namespaces"
    do_down
}

cmd_status() {
    need_root "look into network namespaces"
    local nodes i ns addr sshd link pid all_ok=1
    nodes=$(find_nodes)
    if [[ -z $nodes ]] && ! link_exists "$BRIDGE"; then
        echo "no virtual cluster is up"
        return 1
    fi
    if link_exists "$BRIDGE"; then
        echo "bridge $BRIDGE $HOST_ADDR/24, files in $(show_path "$DIR")"
    else
        echo "bridge $BRIDGE missing (a half-made cluster: run down)"
        all_ok=0
    fi
    printf '%-9s %-10s %-14s %s\n' NODE NAMESPACE ADDRESS SSHD
    for i in $nodes; do
        ns=$(ns_of "$i")
        if ns_exists "$ns"; then
            addr=$(ip -n "$ns" -4 -o addr show dev eth0 2>/dev/null | awk '{print $4}') || true
            [[ -n $addr ]] || addr="(none)"
        else
            ns="(missing)" addr="-"
        fi
        if pid=$(sshd_pid "$i"); then
            sshd="running (pid $pid)"
        else
            sshd="not running"
            all_ok=0
        fi
        link=""
        if link_exists "$(veth_of "$i")" && ! ip -o link show dev "$(veth_of "$i")" | grep -q '[<,]UP[,>]'; then
            link=", unplugged"
            all_ok=0
        fi
        printf '%-9s %-10s %-14s %s%s\n' "$(ns_of "$i")" "$ns" "$addr" "$sshd" "$link"
    done
    (( all_ok ))
}

# The node commands check that node I exists.
need_node() { # need_node I
    ns_exists "$(ns_of "$1")" || die 1 "there is no node $1 (see 'scripts/$PROG status')"
}

cmd_stop_sshd() { # cmd_stop_sshd I
    need_root "enter network namespaces"
    need_node "$1"
    local pid
    if pid=$(stop_sshd "$1"); then
        echo "$(ns_of "$1"): stopped sshd (pid $pid); ssh to $(addr_of "$1") is now refused"
    else
        echo "$(ns_of "$1"): sshd was not running"
    fi
}

cmd_start_sshd() { # cmd_start_sshd I
    need_root "enter network namespaces"
    need_node "$1"
    [[ -f $(node_dir "$1")/sshd_config ]] || die 1 "no $(node_dir "$1")/sshd_config: give up's --dir"
    local pid
    if pid=$(sshd_pid "$1"); then
        echo "$(ns_of "$1"): sshd already running (pid $pid)"
        return 0
    fi
    launch_sshd "$1" || exit 1
    if link_exists "$(veth_of "$1")" && ! ip -o link show dev "$(veth_of "$1")" | grep -q '[<,]UP[,>]'; then
        echo "$(ns_of "$1"): started sshd (pid $(sshd_pid "$1" || echo '?')); the node is unplugged, 'plug $1' to reach it"
        return 0
    fi
    wait_sshd "$1" || exit 1
    echo "$(ns_of "$1"): started sshd (pid $(sshd_pid "$1" || echo '?')), accepting connections on $(addr_of "$1"):22"
}

cmd_plug() { # cmd_plug up|down I
    need_root "change network links"
    need_node "$2"
    ip link set dev "$(veth_of "$2")" "$1"
    if [[ $1 == down ]]; then
        echo "$(ns_of "$2"): unplugged ($(veth_of "$2") down); connections to $(addr_of "$2") time out"
    else
        echo "$(ns_of "$2"): plugged in again ($(veth_of "$2") up)"
    fi
}

# ---------------------------------------------------------------------------------------------
main() {
    local command="" dir_option="" arg=""
    local -a rest=()
    while (( $# > 0 )); do
        case $1 in
            -h|--help|help) usage; exit 0 ;;
            --dir) (( $# >= 2 )) || die 2 "--dir needs a directory"; dir_option=$2; shift 2 ;;
            --dir=*) dir_option=${1#--dir=}; shift ;;
            -*) die 2 "unknown option '$1' (see --help)" ;;
            *) rest+=("$1"); shift ;;
        esac
    done
    (( ${#rest[@]} > 0 )) || { usage >&2; exit 2; }
    command=${rest[0]}
    case $command in
        up|stop-sshd|start-sshd|unplug|plug)
            (( ${#rest[@]} == 2 )) || die 2 "usage: $PROG $command $([[ $command == up ]] && echo N || echo I) [--dir DIR]"
            arg=$(parse_index "${rest[1]}") ;;
        down|status)
            (( ${#rest[@]} == 1 )) || die 2 "usage: $PROG $command [--dir DIR]" ;;
        *) die 2 "unknown command '$command' (see --help)" ;;
    esac
    # Commands that change the cluster take a lock, so two of them (say, two CI jobs on one
    # machine) never interleave; a second one waits up to 60 s.
    if [[ $command != status && $(id -u) -eq 0 ]] && command -v flock >/dev/null 2>&1; then
        exec 9>>"$LOCK"
        flock -w 60 9 || die 1 "another $PROG is still running (lock $LOCK)"
    fi
    if [[ $command == up ]]; then
        DIR=$(realpath -m -- "${dir_option:-$DEFAULT_DIR}")
    else
        DIR=$(resolve_dir "$dir_option")
    fi
    case $command in
        up) cmd_up "$arg" ;;
        down) cmd_down ;;
        status) cmd_status ;;
        stop-sshd) cmd_stop_sshd "$arg" ;;
        start-sshd) cmd_start_sshd "$arg" ;;
        unplug) cmd_plug down "$arg" ;;
        plug) cmd_plug up "$arg" ;;
    esac
}

# Run as a command (sourcing the file only defines the functions).
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
    main "$@"
fi
