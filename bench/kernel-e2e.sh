#!/usr/bin/env bash
# BGP session → RIB → kernel FIB end to end (issue 5, "Performance"): corvid, BIRD and FRR each receive the same routes
# in turn, in the same harness, and install them into a kernel table nobody else uses.
#
#   a BIRD injector with $ROUTES static IPv4 /24s (10.0.0.0/24 up) → the receiver (iBGP AS 64512), which installs
#   them in the main table of its own network namespace. The injector's BGP protocol starts disabled; once the
#   receiver listens and the injector holds its routes, it is enabled. Measured:
#   - install: wall time from the injector's session reaching Established (BIRD's own timestamp, in ms) until the
#     receiver's kernel holds all $ROUTES routes, and from the enable; the receiver's CPU seconds over that time
#     (utime+stime of all threads, /proc/PID/stat; FRR: bgpd + zebra; the kernel's work on the route inserts is
#     system time of the process that sends them);
#   - removal: the injector's protocol is disabled (BIRD sends a Cease); wall time until the kernel holds none of
#     them, and the receiver's CPU seconds over that time;
#   - the receiver's VmHWM (FRR: bgpd + zebra).
#   The kernel's count is read from /proc/net/fib_triestat of the receiver namespace ("Prefixes" of the main trie,
#   the namespace's own routes before the enable subtracted): one read is the kernel's walk of its trie, 15-40 ms
#   for 100k routes, against about 1 s for `ip route show | wc -l`, so it is polled every $POLL s (plus the read), the
#   resolution of both times; every count is kept in $WORK/RECEIVER/{install,removal}.counts ("epoch-seconds routes"
#   a line), which shows where an install stalled. After the install, `ip route show table 254 proto P` confirms that
#   the routes are the receiver's.
#
#   bench/kernel-e2e.sh [corvid] [bird] [frr]   (default: all three)
#
# Two network namespaces per receiver, created by this script: corvid-ke-i-PID (the injector, 192.168.200.1/24 on
# veth ke-i) and corvid-ke-r-PID (the receiver, 192.168.200.2/24 on veth ke-r), removed with every process at exit,
# failure or Ctrl-C included; nothing reaches the host's network or its routes. Needs root (namespaces; FRR switches
# to user frr) and the Debian packages bird2 and frr. Knobs: ROUTES (100000), INSTALL_TIMEOUT (60 + ROUTES/5000 s),
# POLL (0.1 s), CORVID_TARGET (Maven output folder, default target), CORVID_JAR (default
# daemon/$CORVID_TARGET/corvid.jar), CORVID_JAVA_OPTS (default: what ./corvid run uses, -XX:TieredStopAtLevel=1
# -XX:+UseSerialGC), WORK (/tmp/corvid-kernel-e2e), BUILD=0 to skip the build.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
ROUTES=${ROUTES:-100000}
INSTALL_TIMEOUT=${INSTALL_TIMEOUT:-$((60 + ROUTES / 5000))}
POLL=${POLL:-0.1}
export CORVID_JAVA_OPTS=${CORVID_JAVA_OPTS--XX:TieredStopAtLevel=1 -XX:+UseSerialGC}
TARGET_DIR=${CORVID_TARGET:-target}
CORVID_JAR=${CORVID_JAR:-$REPO/daemon/$TARGET_DIR/corvid.jar}
WORK=${WORK:-/tmp/corvid-kernel-e2e}
RUN=$WORK   # the folder of the current receiver's run, set by run_receiver
NS_I=corvid-ke-i-$$
NS_R=corvid-ke-r-$$
FRR_NAME=corvid-ke-$$
FRR_RUN=/var/run/frr/$FRR_NAME
INJECTOR=192.168.200.1   # the link subnet: 192.168.200.0/24, the routes: 10.0.0.0/24 up (a million reach 25.66/16)
RECEIVER=192.168.200.2
TICKS=$(getconf CLK_TCK)

log() { printf '[kernel-e2e] %s\n' "$*" >&2; }

DAEMONS=()
for a in "$@"; do
    case $a in
        corvid|bird|frr) DAEMONS+=("$a") ;;
        *) log "unknown argument '$a': receivers are corvid, bird, frr"; exit 2 ;;
    esac
done
[[ ${#DAEMONS[@]} -gt 0 ]] || DAEMONS=(corvid bird frr)

[[ $(id -u) -eq 0 ]] || { log "needs root: network namespaces, and FRR's daemons switch to user frr"; exit 1; }
need() { command -v "$1" >/dev/null || { log "missing $1: apt-get install -y $2"; exit 1; }; }
need ip iproute2; need ss iproute2; need bird bird2; need birdc bird2
if [[ " ${DAEMONS[*]} " == *" frr "* ]]; then
    [[ -x /usr/lib/frr/bgpd && -x /usr/lib/frr/zebra ]] || { log "missing /usr/lib/frr/{bgpd,zebra}: apt-get install -y frr"; exit 1; }
fi
. "$REPO/.mvn/find-jdk.sh"
corvid_find_jdk
JAVA="$JAVA_HOME/bin/java"

# ---------------------------------------------------------------------------------------------------------------
# Processes: every one this script starts is recorded by pid and stopped at exit, nothing else.
# ---------------------------------------------------------------------------------------------------------------
# shellcheck source=processes.sh
. "$HERE/processes.sh"
start() { ns_start "$@"; }  # name namespace command...
# The receiver before zebra (bgpd withdraws from zebra, not zebra from bgpd), the injector last.
stop_all() { local n; for n in receiver zebra "${!PID[@]}"; do stop "$n"; done; }
drop_namespaces() { ip netns del "$NS_R" 2>/dev/null || true; ip netns del "$NS_I" 2>/dev/null || true; rm -rf "$FRR_RUN"; }
on_exit() {
    local rc=$?
    stop_all
    drop_namespaces
    [[ $rc -eq 0 ]] || log "FAILED (exit $rc); logs are in $WORK"
}
trap on_exit EXIT
trap 'exit 130' INT TERM

listening() { ip netns exec "$NS_R" ss -Hltn "sport = :179" | grep -q .; }
# The receiver's processes: the daemon, and FRR's zebra beside bgpd.
receiver_pids() { echo "${PID[receiver]}" ${PID[zebra]:+"${PID[zebra]}"}; }
alive() { kill -0 "${PID[receiver]}" 2>/dev/null && { [[ -z ${PID[zebra]:-} ]] || kill -0 "${PID[zebra]}" 2>/dev/null; }; }
cpu_ticks() {  # pids...: utime+stime summed
    local p s sum=0
    for p in "$@"; do s=$(<"/proc/$p/stat"); s=${s##*) }; read -ra f <<<"$s"; sum=$((sum + f[11] + f[12])); done
    echo "$sum"
}
hwm_mb() { local p; for p in "$@"; do awk '/^VmHWM:/ { print $2 }' "/proc/$p/status"; done | awk '{ s += $1 } END { printf "%.1f", s / 1024 }'; }
seconds() { awk -v t="$1" -v hz="$TICKS" 'BEGIN { printf "%.2f", t / hz }'; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
# One line per thread of the processes: tid ticks name (utime+stime of /proc/PID/task/TID/stat; names hold spaces).
thread_ticks() {  # pids...
    local t s p
    for p in "$@"; do for t in /proc/"$p"/task/*/stat; do
        { read -r s <"$t"; } 2>/dev/null || continue
        local name=${s#*(}; name=${name%)*}; s=${s##*) }
        read -ra f <<<"$s"
        echo "$(basename "$(dirname "$t")") $((f[11] + f[12])) $name"
    done; done
}
# The thread names that used most CPU between two thread_ticks snapshots (threads of one name summed).
thread_report() {  # before after
    awk 'FILENAME == ARGV[1] { before[$1] = $2; next }
         { d = $2 - before[$1]; $1 = $2 = ""; sum[substr($0, 3)] += d }
         END { for (n in sum) if (sum[n] > 0) print sum[n] "\t" n }' "$1" "$2" \
        | sort -t$'\t' -k1,1rn | head -8 | awk -F'\t' -v hz="$TICKS" '{ printf "    %7.2f s  %s\n", $1 / hz, $2 }'
}

# The routes in the receiver namespace's main table: "Prefixes" of the Main trie in /proc/net/fib_triestat (without
# policy rules the kernel keeps the local table merged into it, so the namespace's own local and link routes are in
# it too: BASE, read before the enable, is subtracted).
# Read through the receiver's own /proc/PID/net, which is its namespace's, by bash alone: no process per poll.
read_prefixes() {  # sets PREFIXES
    local line main=0
    while read -r line; do
        [[ $line == Main:* ]] && main=1
        if (( main )) && [[ $line == Prefixes:* ]]; then PREFIXES=${line##*[[:space:]]}; return 0; fi
    done <"/proc/${PID[receiver]}/net/fib_triestat"
    return 1
}
prefixes() { read_prefixes && echo "$PREFIXES"; }

# ---------------------------------------------------------------------------------------------------------------
# BIRD: the injector, and the BIRD receiver; one instance per namespace, each with its own control socket.
# ---------------------------------------------------------------------------------------------------------------
bird_conf() {  # name router-id protocols...
    local name=$1 id=$2; shift 2
    cat >"$RUN/$name.conf" <<EOF
router id $id;
log "$RUN/$name.log" { info, remote, warning, error, auth, fatal, bug };
timeformat protocol iso long ms;
protocol device {}
$*
EOF
}
start_bird() { start "$1" "$2" bird -f -c "$RUN/$1.conf" -s "$RUN/$1.ctl" -P "$RUN/$1.pid"; }
birdc_() { birdc -s "$RUN/$1.ctl" "${@:2}"; }

# The static routes: $ROUTES /24s from 10.0.0.0 up (10.0.0.0/8 holds 65536, so they go on into 11/8, 12/8, ...).
static_routes() {
    awk -v n="$ROUTES" 'BEGIN {
        print "protocol static injected {\n  ipv4;"
        for (i = 0; i < n; i++) { a = 10 * 16777216 + i * 256
            printf "  route %d.%d.%d.0/24 blackhole;\n", int(a / 16777216), int(a / 65536) % 256, int(a / 256) % 256 }
        print "}" }' >"$WORK/static.conf"
}
start_injector() {
    bird_conf injector "$INJECTOR" "include \"$WORK/static.conf\";
protocol bgp receiver {
  disabled;
  local $INJECTOR as 64512;
  neighbor $RECEIVER as 64512;
  direct;
  strict bind on;
  connect delay time 0;
  connect retry time 2;
  error wait time 1,5;
  ipv4 { import none; export all; };
}"
    start_bird injector "$NS_I"
}

. "$HERE/kernel-e2e-daemons.sh"

# The two namespaces and the veth pair between them.
make_namespaces() {
    ip netns add "$NS_I"
    ip netns add "$NS_R"
    ip -n "$NS_I" link set lo up
    ip -n "$NS_R" link set lo up
    ip -n "$NS_I" link add ke-i type veth peer name ke-r netns "$NS_R"
    ip -n "$NS_I" addr add "$INJECTOR/24" dev ke-i
    ip -n "$NS_R" addr add "$RECEIVER/24" dev ke-r
    ip -n "$NS_I" link set ke-i up
    ip -n "$NS_R" link set ke-r up
}

# ---------------------------------------------------------------------------------------------------------------
# One receiver: fresh namespaces, the receiver up, the injector loaded, enable, install, disable, removal.
# ---------------------------------------------------------------------------------------------------------------
declare -A ROW=()

# Polls the kernel's count until the test after the deadline holds for it; prints the time it did, or nothing.
# Every count goes to the file, "epoch-seconds routes" a line: how the install or removal progressed.
poll_until() {  # file deadline-epoch test-command...: the count is passed as the test's last argument
    local file=$1 deadline=${2/./}; shift 2
    local now
    while :; do
        read_prefixes; now=$EPOCHREALTIME
        echo "$now $((PREFIXES - BASE))" >>"$file"
        if "$@" $((PREFIXES - BASE)); then echo "$now"; return 0; fi
        alive || { log "the receiver exited"; return 1; }
        (( ${now/./} < deadline )) || return 1
        sleep "$POLL"
    done
}
holds_all() { (( $1 >= ROUTES )); }
holds_none() { (( $1 <= 0 )); }
deadline_in() { awk -v t="$EPOCHREALTIME" -v s="$1" 'BEGIN { printf "%.6f", t + s }'; }

run_receiver() {  # daemon
    local d=$1
    RUN=$WORK/$d; mkdir -p "$RUN"; chmod 755 "$RUN"
    fail() { ROW[$d]="| $d | $1 | | | | | | |"; log "$d: $1"; stop_all; drop_namespaces; }
    make_namespaces
    "receiver_$d"
    if [[ -z ${PID[receiver]:-} ]] || ! await 30 "$d to listen on port 179" listening; then
        tail -5 "$RUN/receiver.out" >&2 || true
        fail "did not start (see $RUN)"; return 0
    fi
    start_injector
    injector_loaded() { [[ $(birdc_ injector show protocols all injected 2>/dev/null | awk '$1 == "Routes:" { print $2 }') == "$ROUTES" ]]; }
    await 120 "the injector to load its $ROUTES static routes" injector_loaded || { fail "injector did not load its routes"; return 0; }
    BASE=$(prefixes)

    local pids threads0="$RUN/threads-before" threads1="$RUN/threads-after" cpu0 cpu1 cpu2
    read -ra pids <<<"$(receiver_pids)"
    cpu0=$(cpu_ticks "${pids[@]}"); thread_ticks "${pids[@]}" >"$threads0"
    local enabled=$EPOCHREALTIME
    birdc_ injector enable receiver >/dev/null
    log "$d: injector enabled; waiting for the kernel to hold $ROUTES routes (up to $INSTALL_TIMEOUT s)"
    local installed
    installed=$(poll_until "$RUN/install.counts" "$(deadline_in "$INSTALL_TIMEOUT")" holds_all) || true
    alive || { fail "exited during the install (see $RUN)"; return 0; }
    cpu1=$(cpu_ticks "${pids[@]}"); thread_ticks "${pids[@]}" >"$threads1"
    local since established
    since=$(birdc_ injector show protocols receiver | awk '$1 == "receiver" && $4 == "up" { print $5 " " $6 }')
    established=$([[ -n $since ]] && date -d "$since" +%s.%N || echo "")
    if [[ -z $installed || -z $established ]]; then
        fail "did not install in $INSTALL_TIMEOUT s (the kernel holds $(( $(prefixes) - BASE )))"; return 0
    fi
    local wall from_enable install_cpu
    wall=$(elapsed "$established" "$installed"); from_enable=$(elapsed "$enabled" "$installed")
    install_cpu=$(seconds $((cpu1 - cpu0)))
    log "$d: the kernel holds $ROUTES routes $wall s after the injector's session came up ($from_enable s after the enable), $install_cpu CPU-s"
    log "$d: CPU by thread over the install (top 8):"
    thread_report "$threads0" "$threads1" >&2
    local theirs; theirs=$(ip -n "$NS_R" route show table 254 proto "${RECEIVER_PROTO[$d]}" | wc -l)
    (( theirs == ROUTES )) || { fail "the kernel holds $theirs routes of proto ${RECEIVER_PROTO[$d]}, not $ROUTES"; return 0; }

    cpu1=$(cpu_ticks "${pids[@]}")
    local disabled=$EPOCHREALTIME removed
    birdc_ injector disable receiver >/dev/null
    removed=$(poll_until "$RUN/removal.counts" "$(deadline_in "$INSTALL_TIMEOUT")" holds_none) || true
    alive || { fail "exited during the removal (see $RUN)"; return 0; }
    cpu2=$(cpu_ticks "${pids[@]}")
    local hwm; hwm=$(hwm_mb "${pids[@]}")
    local removal="" remove_cpu; remove_cpu=$(seconds $((cpu2 - cpu1)))
    if [[ -n $removed ]]; then
        removal=$(elapsed "$disabled" "$removed")
        log "$d: the kernel holds none of them $removal s after the disable, $remove_cpu CPU-s; VmHWM $hwm MB"
    else
        local left=$(( $(prefixes) - BASE ))
        removal="not in $INSTALL_TIMEOUT s ($left left)"
        log "$d: $left routes still in the kernel $INSTALL_TIMEOUT s after the disable"
    fi
    ROW[$d]="| $d | ${RECEIVER_PROTO[$d]} | $wall | $from_enable | $install_cpu | $removal | $remove_cpu | $hwm |"
    stop_all
    drop_namespaces
}

# ---------------------------------------------------------------------------------------------------------------
# Build, then each receiver.
# ---------------------------------------------------------------------------------------------------------------
if [[ ${BUILD:-1} != 0 && " ${DAEMONS[*]} " == *" corvid "* ]]; then
    log "building daemon (./mvnw -B -q -DskipTests -Dcorvid.target=$TARGET_DIR -pl daemon -am package)"
    (cd "$REPO" && ./mvnw -B -q -DskipTests -Dcorvid.target="$TARGET_DIR" -pl daemon -am package)
fi
[[ " ${DAEMONS[*]} " != *" corvid "* || -f $CORVID_JAR ]] || { log "no corvid jar at $CORVID_JAR"; exit 1; }
rm -rf "$WORK"
mkdir -p "$WORK"
chmod 755 "$WORK"
static_routes

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for d in "${DAEMONS[@]}"; do
    log "$d as the receiver (load average $(cut -d' ' -f1-3 /proc/loadavg))"
    run_receiver "$d"
done

echo
echo "kernel-e2e on $(nproc) cores, kernel $(uname -r); load average $load_before before," \
    "$(cut -d' ' -f1-3 /proc/loadavg) after; corvid: $CORVID_JAR ${CORVID_JAVA_OPTS:+with $CORVID_JAVA_OPTS}"
echo
echo "$ROUTES IPv4 /24s: BIRD injector → receiver (iBGP) → the receiver's kernel (main table); counted every $POLL s"
echo
echo "| receiver | proto | install s (injector Established → kernel holds all) | s from enable | CPU s (install) | removal s (disable → kernel holds none) | CPU s (removal) | VmHWM MB |"
echo "|---|---|---|---|---|---|---|---|"
for d in "${DAEMONS[@]}"; do echo "${ROW[$d]}"; done
