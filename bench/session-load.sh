#!/usr/bin/env bash
# 1000 idle iBGP sessions against corvid, BIRD, FRR and GoBGP, one daemon after the other, measured the same way:
# time to bring every session up, then CPU (% of one core) and memory of the daemon at steady state.
#
#   bench/session-load.sh [corvid] [corvid-lean] [bird] [frr] [gobgp]     (default: all five, in that order)
#
# corvid runs as `java -jar daemon/<target>/corvid.jar run` with $CORVID_JAVA_OPTS (default: none, the JVM's own
# defaults); corvid-lean is the same with $CORVID_LEAN_OPTS (default "-Xmx64m -XX:+UseSerialGC").
# Other knobs: SESSIONS (1000), MEASURE seconds (30), SETTLE seconds (5), PARALLELISM (200), HOLD (90),
# CORVID_TARGET (Maven output folder, default target), WORK (/tmp/corvid-session-load), BUILD=0 to skip the build.
#
# Every daemon listens on 127.0.0.1 (its own port) and accepts 127.1.0.0/16 as AS 64512; the load client
# (dev.corvid.bench.session.SessionLoad) connects from 127.1.0.1 upwards. All traffic stays on loopback. Needs
# root for FRR (it switches to user frr) and the Debian packages bird2, frr and gobgpd.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
SESSIONS=${SESSIONS:-1000}
MEASURE=${MEASURE:-30}
SETTLE=${SETTLE:-5}
PARALLELISM=${PARALLELISM:-200}
HOLD=${HOLD:-90}
TARGET_DIR=${CORVID_TARGET:-target}
WORK=${WORK:-/tmp/corvid-session-load}
CORVID_LEAN_OPTS=${CORVID_LEAN_OPTS:--Xmx64m -XX:+UseSerialGC}
FRR_NAME=corvid-session-load
FRR_RUN=/var/run/frr/$FRR_NAME
declare -A PORT=([corvid]=17901 [corvid-lean]=17901 [bird]=17902 [frr]=17903 [gobgp]=17904)
GOBGP_API_PORT=17914

log() { printf '[session-load] %s\n' "$*" >&2; }

DAEMONS=("$@")
[[ ${#DAEMONS[@]} -gt 0 ]] || DAEMONS=(corvid corvid-lean bird frr gobgp)
for d in "${DAEMONS[@]}"; do
    [[ -n ${PORT[$d]:-} ]] || { log "unknown daemon '$d': choose from corvid corvid-lean bird frr gobgp"; exit 2; }
done

. "$REPO/.mvn/find-jdk.sh"
corvid_find_jdk
JAVA="$JAVA_HOME/bin/java"
need() { command -v "$1" >/dev/null || { log "missing $1: apt-get install -y $2"; exit 1; }; }
for d in "${DAEMONS[@]}"; do
    case $d in
        bird) need bird bird2 ;;
        frr) [[ -x /usr/lib/frr/bgpd ]] || { log "missing /usr/lib/frr/bgpd: apt-get install -y frr"; exit 1; }
             [[ $(id -u) -eq 0 ]] || { log "FRR needs root (bgpd switches to user frr)"; exit 1; } ;;
        gobgp) need gobgpd gobgpd ;;
    esac
done
need ss iproute2

# One socket per session on both sides, plus the daemons' own files: 65536 descriptors, or the hard limit when lower.
hard=$(ulimit -Hn)
if [[ $hard == unlimited || $hard -ge 65536 ]]; then ulimit -n 65536; else ulimit -n "$hard"; fi
(( $(ulimit -n) > SESSIONS + 100 )) || { log "only $(ulimit -n) file descriptors allowed; $SESSIONS sessions need more"; exit 1; }

# ---------------------------------------------------------------------------------------------------------------
# Processes: every one this script starts is recorded by pid and stopped at exit, nothing else.
# ---------------------------------------------------------------------------------------------------------------
DAEMON_PID=""
stop_daemon() {
    [[ -n $DAEMON_PID ]] || return 0
    if kill -0 "$DAEMON_PID" 2>/dev/null; then
        kill -TERM "$DAEMON_PID" 2>/dev/null || true
        for _ in $(seq 100); do kill -0 "$DAEMON_PID" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$DAEMON_PID" 2>/dev/null || true
    fi
    wait "$DAEMON_PID" 2>/dev/null || true
    DAEMON_PID=""
}
on_exit() {
    local rc=$?
    stop_daemon
    rm -rf "$FRR_RUN"
    [[ $rc -eq 0 ]] || log "FAILED (exit $rc); logs are in $WORK"
}
trap on_exit EXIT
trap 'exit 130' INT TERM

listening() { ss -Hltn "sport = :$1" | grep -q .; }
wait_listening() {  # name port
    local i
    for i in $(seq 300); do
        listening "$2" && return 0
        kill -0 "$DAEMON_PID" 2>/dev/null || { log "$1 exited before listening on port $2; see $WORK/$1.log"; return 1; }
        sleep 0.1
    done
    log "$1 is not listening on 127.0.0.1:$2 after 30 s; see $WORK/$1.log"
    return 1
}

# ---------------------------------------------------------------------------------------------------------------
# The daemons: each passive on 127.0.0.1, accepting the 127.1.0.0/16 range as iBGP AS 64512.
# ---------------------------------------------------------------------------------------------------------------
start_corvid() {  # name java-options
    local name=$1 opts=$2 port=${PORT[$1]}
    cat >"$WORK/$name.conf" <<EOF
corvid {
  asn = 64512
  router-id = "127.0.0.1"
  listen = ["127.0.0.1:$port"]
  control-socket = "$WORK/$name.sock"
  metrics = ""
  peer-ranges = [ { prefix = "127.1.0.0/16", asn = 64512, role = rr-client } ]
}
EOF
    # shellcheck disable=SC2086 # the options are words
    "$JAVA" --enable-native-access=ALL-UNNAMED $opts -jar "$REPO/daemon/$TARGET_DIR/corvid.jar" \
        run -c "$WORK/$name.conf" --socket "$WORK/$name.sock" >"$WORK/$name.log" 2>&1 &
    DAEMON_PID=$!
}

start_bird() {
    cat >"$WORK/bird.conf" <<EOF
router id 127.0.0.1;
log "$WORK/bird.log" { info, remote, warning, error, auth, fatal, bug };
protocol device {}
protocol bgp load {
  local 127.0.0.1 port ${PORT[bird]} as 64512;
  strict bind on;
  neighbor range 127.1.0.0/16 as 64512;
  dynamic name "load";
  ipv4 { import all; export none; };
}
EOF
    bird -f -c "$WORK/bird.conf" -s "$WORK/bird.ctl" -P "$WORK/bird.pid" >>"$WORK/bird.log" 2>&1 &
    DAEMON_PID=$!
}

start_frr() {
    mkdir -p "$WORK/frr" "$FRR_RUN"
    cat >"$WORK/frr/bgpd.conf" <<EOF
frr defaults traditional
hostname session-load
log file $WORK/frr/bgpd.log informational
!
router bgp 64512
 bgp router-id 127.0.0.1
 no bgp ebgp-requires-policy
 no bgp network import-check
 neighbor load peer-group
 neighbor load remote-as 64512
 bgp listen limit 2000
 bgp listen range 127.1.0.0/16 peer-group load
!
EOF
    chown -R frr:frr "$WORK/frr" "$FRR_RUN"
    # -Z: no zebra (nothing to install, IPv4 only); -l: listen on loopback only; -P 0: no vty TCP port.
    /usr/lib/frr/bgpd -Z -N "$FRR_NAME" -f "$WORK/frr/bgpd.conf" -i "$FRR_RUN/bgpd.pid" -p "${PORT[frr]}" \
        -l 127.0.0.1 -P 0 -u frr -g frr --limit-fds "$(ulimit -n)" >"$WORK/frr.log" 2>&1 &
    DAEMON_PID=$!
}

start_gobgp() {
    cat >"$WORK/gobgpd.toml" <<EOF
[global.config]
  as = 64512
  router-id = "127.0.0.1"
  port = ${PORT[gobgp]}
  local-address-list = ["127.0.0.1"]
[[peer-groups]]
  [peer-groups.config]
    peer-group-name = "load"
    peer-as = 64512
  [[peer-groups.afi-safis]]
    [peer-groups.afi-safis.config]
      afi-safi-name = "ipv4-unicast"
[[dynamic-neighbors]]
  [dynamic-neighbors.config]
    prefix = "127.1.0.0/16"
    peer-group = "load"
EOF
    gobgpd -f "$WORK/gobgpd.toml" --api-hosts "127.0.0.1:$GOBGP_API_PORT" --pprof-disable --log-plain \
        >"$WORK/gobgp.log" 2>&1 &
    DAEMON_PID=$!
}

# ---------------------------------------------------------------------------------------------------------------
# Build, then one run per daemon.
# ---------------------------------------------------------------------------------------------------------------
MODULES=bench
for d in "${DAEMONS[@]}"; do [[ $d == corvid* ]] && MODULES=daemon,bench; done
if [[ ${BUILD:-1} != 0 ]]; then
    log "building $MODULES (./mvnw -B -q -DskipTests -pl $MODULES -am package)"
    (cd "$REPO" && ./mvnw -B -q -DskipTests -Dcorvid.target="$TARGET_DIR" -pl "$MODULES" -am package)
fi
rm -rf "$WORK"
mkdir -p "$WORK"

declare -A ROW
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for d in "${DAEMONS[@]}"; do
    log "$d: starting (load average $(cut -d' ' -f1-3 /proc/loadavg))"
    case $d in
        corvid) start_corvid corvid "${CORVID_JAVA_OPTS:-}" ;;
        corvid-lean) start_corvid corvid-lean "$CORVID_LEAN_OPTS" ;;
        bird) start_bird ;;
        frr) start_frr ;;
        gobgp) start_gobgp ;;
    esac
    if ! wait_listening "$d" "${PORT[$d]}"; then
        ROW[$d]="| $d | did not start (see $WORK/$d.log) | | | | | | |"
        stop_daemon
        continue
    fi
    # A listening socket's Send-Q is its accept backlog: a small one drops bursts of connects (TcpExtListenDrops).
    log "$d: listening on 127.0.0.1:${PORT[$d]}, accept backlog $(ss -Hltn "sport = :${PORT[$d]}" | awk '{print $3; exit}')"
    set +e
    "$JAVA" --enable-native-access=ALL-UNNAMED -cp "$REPO/bench/$TARGET_DIR/benchmarks.jar" \
        dev.corvid.bench.session.SessionLoad --target "127.0.0.1:${PORT[$d]}" --sessions "$SESSIONS" \
        --source 127.1.0.1 --asn 64512 --hold "$HOLD" --connect-parallelism "$PARALLELISM" \
        --settle "$SETTLE" --measure "$MEASURE" --pid "$DAEMON_PID" | tee "$WORK/$d.out"
    set -e
    stop_daemon
    result=$(grep '^RESULT ' "$WORK/$d.out" || true)
    if [[ -z $result ]]; then
        ROW[$d]="| $d | load client failed (see $WORK/$d.out) | | | | | | |"
        continue
    fi
    # RESULT key=value ... → shell variables r_key
    unset r_established r_all_up r_bringup_s r_bringup_cpu_s r_cpu_pct r_rss_mb r_hwm_mb r_still_up
    for kv in ${result#RESULT }; do printf -v "r_${kv%%=*}" '%s' "${kv#*=}"; done
    ROW[$d]="| $d | ${r_established}/${SESSIONS} (${r_all_up}) | ${r_bringup_s} | ${r_bringup_cpu_s:-} | ${r_cpu_pct:-} | ${r_rss_mb:-} | ${r_hwm_mb:-} | ${r_still_up} |"
done

echo
echo "$SESSIONS idle iBGP sessions, hold $HOLD s, $PARALLELISM set up at once, $MEASURE s measured after $SETTLE s;" \
    "load average $load_before before, $(cut -d' ' -f1-3 /proc/loadavg) after"
[[ " ${DAEMONS[*]} " == *" corvid-lean "* ]] && echo "corvid-lean: $CORVID_LEAN_OPTS"
echo
echo "| daemon | Established (all up) | bring-up s | bring-up CPU s | steady CPU % of one core | VmRSS MB | VmHWM MB | still up at end |"
echo "|---|---|---|---|---|---|---|---|"
for d in "${DAEMONS[@]}"; do echo "${ROW[$d]}"; done
