# Sourced by bench/reflector-load.sh: the four reflectors, configured alike for its two loads. Each reflector_NAME
# writes its configuration for the load ("routes": the injector and the clients as configured rr-client neighbors;
# "calico": every address of $CALICO_RANGE accepted as an rr-client) and starts the daemon as process "reflector":
# router id and CLUSTER_ID $REFLECTOR, iBGP AS 64512, listening on $REFLECTOR:179 only, timers left at each daemon's
# defaults but a 2-s connect retry, nothing installed in a kernel table.

routes_neighbors() { echo "$INJECTOR"; for i in $(seq "$CLIENTS"); do client_address "$i"; done; }

reflector_corvid() {  # load
    local peers=() ranges="" n
    if [[ $1 == routes ]]; then
        for n in $(routes_neighbors); do
            peers+=("    { address = \"$n\", asn = 64512, role = rr-client, local-address = \"$REFLECTOR\", connect-retry-time = 2s }")
        done
    else
        ranges="{ prefix = \"$CALICO_RANGE\", asn = 64512, role = rr-client }"
    fi
    cat >"$RUN/corvid.conf" <<EOF
corvid {
  asn = 64512
  router-id = "$REFLECTOR"
  cluster-id = "$REFLECTOR"
  listen = ["$REFLECTOR:179"]
  control-socket = "$RUN/corvid.sock"
  metrics = ""
  kernel { export = false }
  peers = [
$(printf '%s\n' "${peers[@]}")
  ]
  peer-ranges = [$ranges]
}
EOF
    # shellcheck disable=SC2086 # CORVID_JAVA_OPTS is a list of JVM options
    start reflector "$JAVA" --enable-native-access=ALL-UNNAMED ${CORVID_JAVA_OPTS:-} -jar "$CORVID_JAR" \
        run -c "$RUN/corvid.conf" --socket "$RUN/corvid.sock"
}

reflector_bird() {  # load
    local protocols n i=0
    protocols="template bgp rrclient {
  local $REFLECTOR as 64512;
  strict bind on;
  rr client;
  rr cluster id $REFLECTOR;
  connect retry time 2;
  error wait time 1,5;
  ipv4 { import all; export all; };
}"
    if [[ $1 == routes ]]; then
        for n in $(routes_neighbors); do
            protocols+=$'\n'"protocol bgp peer$((i++)) from rrclient { neighbor $n as 64512; }"
        done
    else
        protocols+=$'\n'"protocol bgp load from rrclient { neighbor range $CALICO_RANGE as 64512; dynamic name \"load\"; }"
    fi
    bird_conf reflector "$REFLECTOR" "$protocols"
    start_bird reflector
}

reflector_frr() {  # load
    local neighbors="" n
    if [[ $1 == routes ]]; then
        for n in $(routes_neighbors); do neighbors+=" neighbor $n peer-group clients"$'\n'; done
    else
        neighbors=" bgp listen limit 2000"$'\n'" bgp listen range $CALICO_RANGE peer-group clients"$'\n'
    fi
    mkdir -p "$RUN/frr" "$FRR_RUN"
    cat >"$RUN/frr/bgpd.conf" <<EOF
frr defaults traditional
hostname reflector
log file $RUN/frr/bgpd.log informational
!
router bgp 64512
 bgp router-id $REFLECTOR
 bgp cluster-id $REFLECTOR
 no bgp ebgp-requires-policy
 neighbor clients peer-group
 neighbor clients remote-as 64512
 neighbor clients update-source $REFLECTOR
 neighbor clients timers connect 2
$neighbors !
 address-family ipv4 unicast
  neighbor clients route-reflector-client
 exit-address-family
!
EOF
    chown -R frr:frr "$RUN/frr" "$FRR_RUN"
    # -Z: no zebra (nothing to install); -l: listen on the reflector's address only; -P 0: no vty TCP port.
    start reflector /usr/lib/frr/bgpd -Z -N "$FRR_NAME" -f "$RUN/frr/bgpd.conf" -i "$FRR_RUN/bgpd.pid" -p 179 \
        -l "$REFLECTOR" -P 0 -u frr -g frr --limit-fds "$(ulimit -n)"
}

reflector_gobgp() {  # load
    local rr="route-reflector-client = true
    route-reflector-cluster-id = \"$REFLECTOR\"" n
    {
        cat <<EOF
[global.config]
  as = 64512
  router-id = "$REFLECTOR"
  port = 179
  local-address-list = ["$REFLECTOR"]
EOF
        if [[ $1 == routes ]]; then
            for n in $(routes_neighbors); do
                cat <<EOF
[[neighbors]]
  [neighbors.config]
    neighbor-address = "$n"
    peer-as = 64512
  [neighbors.transport.config]
    local-address = "$REFLECTOR"
  [neighbors.timers.config]
    connect-retry = 2
  [neighbors.route-reflector.config]
    $rr
  [[neighbors.afi-safis]]
    [neighbors.afi-safis.config]
      afi-safi-name = "ipv4-unicast"
EOF
            done
        else
            cat <<EOF
[[peer-groups]]
  [peer-groups.config]
    peer-group-name = "load"
    peer-as = 64512
  [peer-groups.route-reflector.config]
    $rr
  [[peer-groups.afi-safis]]
    [peer-groups.afi-safis.config]
      afi-safi-name = "ipv4-unicast"
[[dynamic-neighbors]]
  [dynamic-neighbors.config]
    prefix = "$CALICO_RANGE"
    peer-group = "load"
EOF
        fi
    } >"$RUN/gobgpd.toml"
    start reflector gobgpd -f "$RUN/gobgpd.toml" --api-hosts 127.0.0.1:50051 --pprof-disable --log-plain
}
