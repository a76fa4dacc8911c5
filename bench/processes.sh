# Sourced by the bench scripts: the processes a script starts in network namespaces, recorded by pid and stopped
# at exit — nothing else is ever signalled — and waiting for a condition. Needs $RUN (the folder of the current run)
# for the output files and a log function for messages.
declare -A PID=()
ns_start() {  # name namespace command...: in the background; ip netns exec execs, so $! is the process itself
    local name=$1 ns=$2; shift 2
    ip netns exec "$ns" "$@" >>"$RUN/$name.out" 2>&1 &
    PID[$name]=$!
}
stop() {  # name: SIGTERM, up to 10 s, then SIGKILL
    local pid=${PID[$1]:-}
    [[ -n $pid ]] || return 0
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
    unset "PID[$1]"
}

# Waits up to $1 seconds for the command after it to succeed; fails with a message naming what it waited for.
await() {  # seconds what command...
    local seconds=$1 what=$2; shift 2
    local deadline=$((SECONDS + seconds))
    until "$@"; do
        (( SECONDS < deadline )) || { log "gave up after $seconds s waiting for $what"; return 1; }
        sleep 0.1
    done
}
