#!/usr/bin/env bash
# The route reflector end to end (issue 4, "Performance"): corvid, BIRD, FRR and GoBGP each serve as the reflector
# in turn, in the same harness, for two loads:
#
#   routes  a BIRD injector with $ROUTES static IPv4 /24s (10.0.0.0/24 up) → the reflector → $CLIENTS BIRD clients,
#           all iBGP AS 64512, injector and clients rr-clients. The injector's BGP protocol starts disabled; once every
#           client is Established and the injector holds its routes, it is enabled. Measured: wall time from the
#           injector's session reaching Established (BIRD's own timestamp, in ms) until every client holds $ROUTES
#           routes (each client's "Routes: N imported", polled every $POLL s); the reflector's CPU seconds
#           (utime+stime of all its threads, /proc/PID/stat) from just before the enable until then; its VmHWM.
#   calico  $SESSIONS iBGP clients accepted through a peer range (100.65.0.0/16, role rr-client), one JVM holding all
#           of them (dev.corvid.bench.session.SessionLoad --announce), each announcing its /26 (10.0.0.0/26 up) once
#           Established. Measured: wall time from the first connect until every session holds the other
#           $SESSIONS-1 blocks; the reflector's CPU seconds over that time; its VmHWM; sessions that failed or dropped.
#
#   bench/reflector-load.sh [routes] [calico] [corvid] [bird] [frr] [gobgp]   (default: both loads, all four)
#
# Everything runs on the loopback of one network namespace this script creates (corvid-rl-PID), so the reflector
# always listens on port 179 and nothing reaches the host's network; the namespace and every process are
# removed at exit, failure or Ctrl-C included. Needs root (namespaces; FRR switches to user frr) and the Debian
# packages bird2, frr and gobgpd. Knobs: ROUTES (200000), CLIENTS (4), ROUTES_TIMEOUT (120 s), POLL (0.1 s),
# SESSIONS (1000), PARALLELISM (200 sessions set up at once), CALICO_TIMEOUT (240 s), CORVID_TARGET (Maven output
# folder, default target), CORVID_JAR (default daemon/$CORVID_TARGET/corvid.jar), CORVID_JAVA_OPTS (default: what
# ./corvid run uses, -XX:TieredStopAtLevel=1 -XX:+UseSerialGC; "-XX:+UseG1GC -XX:TieredStopAtLevel=4" gives the
# JVM's own defaults), WORK (/tmp/corvid-reflector-load), BUILD=0 to skip the build.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
ROUTES=${ROUTES:-200000}
export CORVID_JAVA_OPTS=${CORVID_JAVA_OPTS--XX:TieredStopAtLevel=1 -XX:+UseSerialGC}
CLIENTS=${CLIENTS:-4}
ROUTES_TIMEOUT=${ROUTES_TIMEOUT:-120}
POLL=${POLL:-0.1}
SESSIONS=${SESSIONS:-1000}
PARALLELISM=${PARALLELISM:-200}
CALICO_TIMEOUT=${CALICO_TIMEOUT:-240}
TARGET_DIR=${CORVID_TARGET:-target}
CORVID_JAR=${CORVID_JAR:-$REPO/daemon/$TARGET_DIR/corvid.jar}
WORK=${WORK:-/tmp/corvid-reflector-load}
RUN=$WORK   # the folder of the current run, set by run_routes and run_calico
NS=corvid-rl-$$
FRR_NAME=corvid-rl-$$
FRR_RUN=/var/run/frr/$FRR_NAME
# Addresses: all of 100.64.0.0/10 is made local in the namespace (a "local" route on lo, like 127/8 has), so any of
# them can be bound. Not 127/8: FRR and GoBGP refuse loopback NEXT_HOPs (martian), as RFC 4271 §6.3 allows.
LOCAL_RANGE=100.64.0.0/10
REFLECTOR=100.64.0.1
INJECTOR=100.64.0.2
client_address() { echo "100.64.0.$((10 + $1))"; }   # the BIRD clients 1..CLIENTS: 100.64.0.11 up
CALICO_RANGE=100.65.0.0/16                           # the Calico-shaped clients: 100.65.0.1 up
CALICO_FIRST=100.65.0.1
TICKS=$(getconf CLK_TCK)

log() { printf '[reflector-load] %s\n' "$*" >&2; }

LOADS=() DAEMONS=()
for a in "$@"; do
    case $a in
        routes|calico) LOADS+=("$a") ;;
        corvid|bird|frr|gobgp) DAEMONS+=("$a") ;;
        *) log "unknown argument '$a': loads are routes, calico; reflectors are corvid, bird, frr, gobgp"; exit 2 ;;
    esac
done
[[ ${#LOADS[@]} -gt 0 ]] || LOADS=(routes calico)
[[ ${#DAEMONS[@]} -gt 0 ]] || DAEMONS=(corvid bird frr gobgp)

[[ $(id -u) -eq 0 ]] || { log "needs root: network namespaces, and FRR's bgpd switches to user frr"; exit 1; }
need() { command -v "$1" >/dev/null || { log "missing $1: apt-get install -y $2"; exit 1; }; }
need ip iproute2; need ss iproute2; need bird bird2; need birdc bird2
for d in "${DAEMONS[@]}"; do
    case $d in
        frr) [[ -x /usr/lib/frr/bgpd ]] || { log "missing /usr/lib/frr/bgpd: apt-get install -y frr"; exit 1; } ;;
        gobgp) need gobgpd gobgpd ;;
    esac
done
. "$REPO/.mvn/find-jdk.sh"
corvid_find_jdk
JAVA="$JAVA_HOME/bin/java"

# One socket per session on both sides, plus the daemons' own files.
hard=$(ulimit -Hn)
if [[ $hard == unlimited || $hard -ge 65536 ]]; then ulimit -n 65536; else ulimit -n "$hard"; fi

# ---------------------------------------------------------------------------------------------------------------
# Processes: every one this script starts is recorded by pid and stopped at exit, nothing else.
# ---------------------------------------------------------------------------------------------------------------
# shellcheck source=processes.sh
. "$HERE/processes.sh"
in_ns() { ip netns exec "$NS" "$@"; }
start() { local name=$1; shift; ns_start "$name" "$NS" "$@"; }  # name command...: in the namespace, in the background
stop_all() { local n; for n in "${!PID[@]}"; do stop "$n"; done; }
on_exit() {
    local rc=$?
    stop_all
    ip netns del "$NS" 2>/dev/null || true
    rm -rf "$FRR_RUN"
    [[ $rc -eq 0 ]] || log "FAILED (exit $rc); logs are in $WORK"
}
trap on_exit EXIT
trap 'exit 130' INT TERM

listening() { in_ns ss -Hltn "src $1 and sport = :179" | grep -q .; }
cpu_ticks() { local s; s=$(<"/proc/$1/stat"); s=${s##*) }; read -ra f <<<"$s"; echo $((f[11] + f[12])); }
hwm_mb() { awk '/^VmHWM:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
# One line per thread: tid ticks name (utime+stime of /proc/PID/task/TID/stat; the name may hold spaces).
thread_ticks() {
    local t s name
    for t in /proc/"$1"/task/*/stat; do
        { read -r s <"$t"; } 2>/dev/null || continue
        name=${s#*(}; name=${name%)*}; s=${s##*) }
        read -ra f <<<"$s"
        echo "$(basename "$(dirname "$t")") $((f[11] + f[12])) $name"
    done
}
# The thread names that used most CPU between two thread_ticks snapshots taken inside the interval of the total
# (threads of one name summed: Linux cuts names to 15 characters), and what threads that ended in between used.
thread_report() {  # before after total-ticks
    awk -v total="$3" '
        FILENAME == ARGV[1] { before[$1] = $2; next }
        { d = $2 - before[$1]; seen += d; $1 = $2 = ""; sum[substr($0, 3)] += d }
        END { for (n in sum) if (sum[n] > 0) print sum[n] "\t" n; if (total > seen) print total - seen "\t(threads that ended in between)" }' \
        "$1" "$2" | sort -t$'\t' -k1,1rn | head -9 | awk -F'\t' -v hz="$TICKS" '{ printf "    %7.2f s  %s\n", $1 / hz, $2 }'
}

# ---------------------------------------------------------------------------------------------------------------
# BIRD as injector and clients (the "routes" load): one instance per address, each with its own control socket.
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
start_bird() { start "$1" bird -f -c "$RUN/$1.conf" -s "$RUN/$1.ctl" -P "$RUN/$1.pid"; }
birdc_() { birdc -s "$RUN/$1.ctl" "${@:2}"; }
# "Routes: N imported" of a BGP protocol (0 while it has none)
imported() { birdc_ "$1" show protocols all "$2" 2>/dev/null | awk '$1 == "Routes:" { print $2; found = 1 } END { if (!found) print 0 }'; }
bird_established() { birdc_ "$1" show protocols "$2" 2>/dev/null | grep -q 'Established'; }

# The static routes: $ROUTES /24s from 10.0.0.0 up (10.0.0.0/8 holds 65536, so they go on into 11/8, 12/8, ...).
static_routes() {
    awk -v n="$ROUTES" 'BEGIN {
        print "protocol static injected {\n  ipv4;"
        for (i = 0; i < n; i++) { a = 10 * 16777216 + i * 256
            printf "  route %d.%d.%d.0/24 blackhole;\n", int(a / 16777216), int(a / 65536) % 256, int(a / 256) % 256 }
        print "}" }' >"$WORK/static.conf"
}
bgp_to_reflector() {  # local-address extra...
    cat <<EOF
protocol bgp reflector {
  local $1 as 64512;
  neighbor $REFLECTOR as 64512;
  strict bind on;
  connect delay time 0;
  connect retry time 2;
  error wait time 1,5;
  ${*:2}
}
EOF
}

. "$HERE/reflector-load-daemons.sh"

# ---------------------------------------------------------------------------------------------------------------
# The loads.
# ---------------------------------------------------------------------------------------------------------------
declare -A ROUTES_ROW=() CALICO_ROW=()

start_reflector() {  # daemon load; sets REFLECTOR_PID, or returns 1 when it does not come up
    "reflector_$1" "$2"
    REFLECTOR_PID=${PID[reflector]}
    if ! await 30 "$1 to listen on $REFLECTOR:179" listening "$REFLECTOR"; then
        log "$1 did not start; the end of $RUN/reflector.out:"; tail -5 "$RUN/reflector.out" >&2 || true
        stop reflector
        return 1
    fi
}

# Each run has its own folder for configurations, control sockets and logs: $WORK/LOAD-DAEMON.
run_routes() {  # daemon
    local d=$1 i
    RUN=$WORK/routes-$d; mkdir -p "$RUN"
    start_reflector "$d" routes || { ROUTES_ROW[$d]="| $d | did not start | | | | |"; return 0; }
    for i in $(seq "$CLIENTS"); do
        bird_conf "client$i" "$(client_address "$i")" "$(bgp_to_reflector "$(client_address "$i")" \
            'ipv4 { import all; export none; };')"
        start_bird "client$i"
    done
    bird_conf injector "$INJECTOR" "include \"$WORK/static.conf\";" \
        "$(bgp_to_reflector "$INJECTOR" 'disabled;' 'ipv4 { import none; export all; };')"
    start_bird injector
    all_clients_up() { for i in $(seq "$CLIENTS"); do bird_established "client$i" reflector || return 1; done; }
    injector_loaded() { [[ $(birdc_ injector show protocols all injected 2>/dev/null | awk '$1 == "Routes:" { print $2 }') == "$ROUTES" ]]; }
    if ! await 60 "the $CLIENTS clients to be Established with $d" all_clients_up \
        || ! await 60 "the injector to load its $ROUTES static routes" injector_loaded; then
        ROUTES_ROW[$d]="| $d | clients not Established (see $RUN) | | | | |"
        stop_all
        return 0
    fi

    local cpu0 threads0="$RUN/threads-before" threads1="$RUN/threads-after"
    cpu0=$(cpu_ticks "$REFLECTOR_PID")
    thread_ticks "$REFLECTOR_PID" >"$threads0"
    local enabled=$EPOCHREALTIME
    birdc_ injector enable reflector >/dev/null
    log "$d: injector enabled; waiting for $CLIENTS clients to hold $ROUTES routes (up to $ROUTES_TIMEOUT s)"
    local counts done_at="" deadline
    deadline=$(awk -v t="$enabled" -v s="$ROUTES_TIMEOUT" 'BEGIN { printf "%.3f", t + s }')
    while :; do
        counts=()
        for i in $(seq "$CLIENTS"); do counts+=("$(imported "client$i" reflector)"); done
        local now=$EPOCHREALTIME all=1
        for c in "${counts[@]}"; do (( c >= ROUTES )) || all=0; done
        if (( all )); then done_at=$now; break; fi
        kill -0 "$REFLECTOR_PID" 2>/dev/null || { log "$d exited during the load"; break; }
        [[ $(awk -v a="$now" -v b="$deadline" 'BEGIN { print (a < b) }') == 1 ]] || break
        sleep "$POLL"
    done
    local cpu1 hwm since established
    if kill -0 "$REFLECTOR_PID" 2>/dev/null; then
        thread_ticks "$REFLECTOR_PID" >"$threads1"
        cpu1=$(cpu_ticks "$REFLECTOR_PID"); hwm=$(hwm_mb "$REFLECTOR_PID")
    else
        cpu1=$cpu0 hwm="(exited)"; : >"$threads1"
    fi
    since=$(birdc_ injector show protocols reflector | awk '$1 == "reflector" && $4 == "up" { print $5 " " $6 }')
    established=$([[ -n $since ]] && date -d "$since" +%s.%N || echo "")
    local cpu_s; cpu_s=$(awk -v t=$((cpu1 - cpu0)) -v hz="$TICKS" 'BEGIN { printf "%.2f", t / hz }')
    if [[ -n $done_at && -n $established ]]; then
        local wall from_enable
        wall=$(awk -v a="$established" -v b="$done_at" 'BEGIN { printf "%.2f", b - a }')
        from_enable=$(awk -v a="$enabled" -v b="$done_at" 'BEGIN { printf "%.2f", b - a }')
        ROUTES_ROW[$d]="| $d | yes | $wall | $from_enable | $cpu_s | $hwm |"
        log "$d: all $CLIENTS clients hold $ROUTES routes $wall s after the injector's session came up"
    else
        ROUTES_ROW[$d]="| $d | did not converge in $ROUTES_TIMEOUT s (clients hold ${counts[*]}) | | | $cpu_s | $hwm |"
        log "$d: did not converge; clients hold ${counts[*]} of $ROUTES"
    fi
    log "$d: reflector CPU by thread over the load (top 8):"
    thread_report "$threads0" "$threads1" $((cpu1 - cpu0)) >&2
    stop_all
}

run_calico() {  # daemon
    local d=$1
    RUN=$WORK/calico-$d; mkdir -p "$RUN"
    start_reflector "$d" calico || { CALICO_ROW[$d]="| $d | did not start | | | | | | | |"; return 0; }
    local threads0="$RUN/threads-before" threads1="$RUN/threads-after" cpu0 cpu1
    cpu0=$(cpu_ticks "$REFLECTOR_PID"); thread_ticks "$REFLECTOR_PID" >"$threads0"
    # The load client in the background (so that a signal reaches this script's trap at once), its output followed.
    start client "$JAVA" --enable-native-access=ALL-UNNAMED -Dio.netty.machineId=02:00:00:00:00:01 \
        -cp "$REPO/bench/$TARGET_DIR/benchmarks.jar" dev.corvid.bench.session.SessionLoad --target "$REFLECTOR:179" \
        --sessions "$SESSIONS" --source "$CALICO_FIRST" --asn 64512 --connect-parallelism "$PARALLELISM" \
        --announce 10.0.0.0/26 --up-timeout "$CALICO_TIMEOUT" --converge-timeout "$CALICO_TIMEOUT" --settle 0 \
        --measure 0 --pid "$REFLECTOR_PID"
    tail -n +1 -s 0.2 -f --pid="${PID[client]}" "$RUN/client.out" >&2 &
    PID[follow]=$!
    wait "${PID[client]}" || true
    wait "${PID[follow]}" || true   # tail ends by itself once the client has, after its last lines
    unset "PID[client]" "PID[follow]"
    if kill -0 "$REFLECTOR_PID" 2>/dev/null; then
        thread_ticks "$REFLECTOR_PID" >"$threads1"; cpu1=$(cpu_ticks "$REFLECTOR_PID")
        log "$d: reflector CPU by thread over the whole client run, shutdown included (top 8):"
        thread_report "$threads0" "$threads1" $((cpu1 - cpu0)) >&2
    fi
    stop_all
    local result; result=$(grep '^RESULT ' "$RUN/client.out" || true)
    [[ -n $result ]] || { CALICO_ROW[$d]="| $d | load client failed (see $RUN/client.out) | | | | | | | |"; return 0; }
    local -A r=()
    for kv in ${result#RESULT }; do r[${kv%%=*}]=${kv#*=}; done
    local verdict="yes" wall=${r[converge_s]}
    if [[ ${r[converged]} != "$SESSIONS" || $wall == NaN ]]; then
        verdict="did not converge in $CALICO_TIMEOUT s (${r[converged]} hold all, the fewest hold ${r[fewest_held]})"
        wall=""
    fi
    CALICO_ROW[$d]="| $d | $verdict | $wall | ${r[converge_cpu_s]} | ${r[converge_hwm_mb]} | ${r[established]} | ${r[failed]} | ${r[dropped]} | ${r[client_cpu_s]} |"
}

# ---------------------------------------------------------------------------------------------------------------
# Build, the namespace, then each load with each reflector.
# ---------------------------------------------------------------------------------------------------------------
if [[ ${BUILD:-1} != 0 ]]; then
    log "building daemon,bench (./mvnw -B -q -DskipTests -Dcorvid.target=$TARGET_DIR -pl daemon,bench -am package)"
    (cd "$REPO" && ./mvnw -B -q -DskipTests -Dcorvid.target="$TARGET_DIR" -pl daemon,bench -am package)
fi
[[ " ${DAEMONS[*]} " != *" corvid "* || -f $CORVID_JAR ]] || { log "no corvid jar at $CORVID_JAR"; exit 1; }
rm -rf "$WORK"
mkdir -p "$WORK"
chmod 755 "$WORK"
ip netns add "$NS"
in_ns ip link set lo up
in_ns ip route add local "$LOCAL_RANGE" dev lo
[[ " ${LOADS[*]} " != *" routes "* ]] || static_routes

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for load in "${LOADS[@]}"; do
    for d in "${DAEMONS[@]}"; do
        log "$load with $d as the reflector (load average $(cut -d' ' -f1-3 /proc/loadavg))"
        "run_$load" "$d"
    done
done

echo
echo "reflector-load on $(nproc) cores; load average $load_before before, $(cut -d' ' -f1-3 /proc/loadavg) after;" \
    "corvid: $CORVID_JAR ${CORVID_JAVA_OPTS:+with $CORVID_JAVA_OPTS}"
if [[ " ${LOADS[*]} " == *" routes "* ]]; then
    echo
    echo "$ROUTES IPv4 routes: BIRD injector → reflector → $CLIENTS BIRD clients (iBGP, rr-clients)"
    echo
    echo "| reflector | converged | wall s (injector Established → all clients hold all) | s from enable | reflector CPU s | reflector VmHWM MB |"
    echo "|---|---|---|---|---|---|"
    for d in "${DAEMONS[@]}"; do echo "${ROUTES_ROW[$d]}"; done
fi
if [[ " ${LOADS[*]} " == *" calico "* ]]; then
    echo
    echo "Calico shape: $SESSIONS iBGP clients through a peer range, each announcing one /26 ($PARALLELISM set up at once)"
    echo
    echo "| reflector | converged | wall s (first connect → all hold $((SESSIONS - 1))) | reflector CPU s | reflector VmHWM MB | Established | failed | dropped | client CPU s |"
    echo "|---|---|---|---|---|---|---|---|---|"
    for d in "${DAEMONS[@]}"; do echo "${CALICO_ROW[$d]}"; done
fi
