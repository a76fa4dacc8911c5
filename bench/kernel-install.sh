#!/usr/bin/env bash
# Kernel route installation (issue 5, "Performance"): how fast routes get into the kernel's FIB, corvid's batched
# rtnetlink requests (dev.corvid.bench.kernel.KernelInstall, RtNetlink.apply) against `ip -batch` of the same routes, in the
# same run. For each count in $COUNTS: $N /32s from 10.1.0.0 up, main table, proto 201, added via 10.0.0.2, replaced
# via 10.0.0.3 (a next-hop change), removed; each step timed (wall clock) and the count checked with a dump.
#
#   bench/kernel-install.sh            COUNTS="100000 1000000" by default
#
# Everything happens in a network namespace this script creates (corvid-ki-PID) with a veth device dummy0 on
# 10.0.0.1/24 (its peer dummy1 up beside it); the namespace is deleted at exit, failure or Ctrl-C included. Needs root
# and iproute2. Knobs: COUNTS, CORVID_TARGET (Maven output folder, default target), CORVID_CLASSPATH (default
# bench/$CORVID_TARGET/benchmarks.jar), JAVA_OPTS (default -Xmx2g), WORK (/tmp/corvid-kernel-install), BUILD=0 to
# skip the build.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
COUNTS=${COUNTS:-100000 1000000}
TARGET_DIR=${CORVID_TARGET:-target}
CLASSPATH_=${CORVID_CLASSPATH:-$REPO/bench/$TARGET_DIR/benchmarks.jar}
JAVA_OPTS=${JAVA_OPTS:--Xmx2g}
WORK=${WORK:-/tmp/corvid-kernel-install}
NS=corvid-ki-$$
PROTO=201

log() { printf '[kernel-install] %s\n' "$*" >&2; }
[[ $(id -u) -eq 0 ]] || { log "needs root: network namespaces and route changes"; exit 1; }
command -v ip >/dev/null || { log "missing ip: apt-get install -y iproute2"; exit 1; }
. "$REPO/.mvn/find-jdk.sh"
corvid_find_jdk
JAVA="$JAVA_HOME/bin/java"

on_exit() {
    local rc=$?
    ip netns del "$NS" 2>/dev/null || true
    [[ $rc -eq 0 ]] || log "FAILED (exit $rc); files are in $WORK"
}
trap on_exit EXIT
trap 'exit 130' INT TERM

if [[ ${BUILD:-1} != 0 ]]; then
    log "building bench (./mvnw -B -q -DskipTests -Dcorvid.target=$TARGET_DIR -pl bench -am package)"
    (cd "$REPO" && ./mvnw -B -q -DskipTests -Dcorvid.target="$TARGET_DIR" -pl bench -am package)
fi

rm -rf "$WORK"; mkdir -p "$WORK"
ip netns add "$NS"
ip -n "$NS" link set lo up
ip -n "$NS" link add dummy0 type veth peer name dummy1
ip -n "$NS" addr add 10.0.0.1/24 dev dummy0
ip -n "$NS" link set dummy1 up
ip -n "$NS" link set dummy0 up

held() { ip -n "$NS" route show proto "$PROTO" | wc -l; }
since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / s }'; }

# The ip -batch files: one command a line, the same routes as KernelInstall's.
batch_files() {  # n
    awk -v n="$1" -v p="$PROTO" -v dir="$WORK" 'BEGIN {
        for (i = 0; i < n; i++) { a = 10 * 16777216 + 65536 + i
            d = sprintf("%d.%d.%d.%d/32", int(a / 16777216), int(a / 65536) % 256, int(a / 256) % 256, a % 256)
            printf "route add %s via 10.0.0.2 proto %d\n", d, p > (dir "/add")
            printf "route replace %s via 10.0.0.3 proto %d\n", d, p > (dir "/replace")
            printf "route del %s proto %d\n", d, p > (dir "/del") } }'
}

ROWS=()
for n in $COUNTS; do
    log "corvid: $n routes (load average $(cut -d' ' -f1-3 /proc/loadavg))"
    result=$("$JAVA" $JAVA_OPTS --enable-native-access=ALL-UNNAMED -cp "$CLASSPATH_" dev.corvid.bench.kernel.KernelInstall \
        "/var/run/netns/$NS" "$n" 10.0.0.2 10.0.0.3 "$PROTO" | grep '^RESULT ')
    declare -A r=()
    for kv in ${result#RESULT }; do r[${kv%%=*}]=${kv#*=}; done
    [[ ${r[held_after_install]} == "$n" && ${r[held_after_remove]} == 0 ]] \
        || { log "corvid: the kernel held ${r[held_after_install]} routes after the install, ${r[held_after_remove]} after the removal"; exit 1; }
    ROWS+=("| $n | corvid RtNetlink.apply | ${r[install_rps]} | ${r[replace_rps]} | ${r[remove_rps]} | ${r[install_s]} / ${r[replace_s]} / ${r[remove_s]} |")
    unset r

    log "ip -batch: $n routes (load average $(cut -d' ' -f1-3 /proc/loadavg))"
    batch_files "$n"
    declare -A s=()
    for step in add replace del; do
        t0=$EPOCHREALTIME
        ip -n "$NS" -batch "$WORK/$step"
        s[$step]=$(since "$t0")
        log "ip -batch $step of $n routes: ${s[$step]} s, $(rate "$n" "${s[$step]}") routes/s"
        if [[ $step == add ]]; then
            h=$(held); [[ $h == "$n" ]] || { log "ip -batch: the kernel holds $h routes after the add, not $n"; exit 1; }
        fi
    done
    h=$(held); [[ $h == 0 ]] || { log "ip -batch: $h routes left after the removal"; exit 1; }
    ROWS+=("| $n | ip -batch | $(rate "$n" "${s[add]}") | $(rate "$n" "${s[replace]}") | $(rate "$n" "${s[del]}") | ${s[add]} / ${s[replace]} / ${s[del]} |")
    unset s
done

echo
echo "kernel-install on $(nproc) cores, kernel $(uname -r); load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
echo "IPv4 /32s via a veth neighbour, main table, proto $PROTO; routes/s (wall clock)"
echo
echo "| routes | installer | install routes/s | replace routes/s | remove routes/s | seconds (install / replace / remove) |"
echo "|---|---|---|---|---|---|"
printf '%s\n' "${ROWS[@]}"
