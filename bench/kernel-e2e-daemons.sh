# Sourced by bench/kernel-e2e.sh: the three receivers, configured alike. Each receiver_NAME writes its configuration
# into $RUN and starts its daemon(s) in the receiver namespace as process "receiver" (FRR: "zebra" first, then
# "receiver" = bgpd): router id $RECEIVER, iBGP AS 64512 with the injector $INJECTOR as its only neighbour, a 2-s
# connect retry, every route learned from the injector installed in the main table (254) of the receiver namespace
# with the daemon's own protocol number (corvid 201, BIRD "bird", FRR "bgp"); nothing learned from the kernel.
# RECEIVER_PROTO[NAME] is what `ip route show proto` takes for each.

declare -A RECEIVER_PROTO=([corvid]=201 [bird]=bird [frr]=bgp)

receiver_corvid() {
    cat >"$RUN/corvid.conf" <<EOF
corvid {
  asn = 64512
  router-id = "$RECEIVER"
  listen = ["$RECEIVER:179"]
  control-socket = "$RUN/corvid.sock"
  metrics = ""
  kernel { export = true, table = 254, protocol = 201 }
  peers = [
    { address = "$INJECTOR", asn = 64512, local-address = "$RECEIVER", connect-retry-time = 2s }
  ]
}
EOF
    # shellcheck disable=SC2086 # CORVID_JAVA_OPTS is a list of JVM options
    start receiver "$NS_R" "$JAVA" --enable-native-access=ALL-UNNAMED ${CORVID_JAVA_OPTS:-} -jar "$CORVID_JAR" \
        run -c "$RUN/corvid.conf" --socket "$RUN/corvid.sock"
}

# BIRD 2 (bird.network.cz/?get_doc&v=20&f=bird-6.html, "Kernel"): the kernel protocol exports the master table into
# the main table; "learn off" (the default) keeps kernel routes out of BIRD, "merge paths off" (the default too)
# installs one next hop per route as BIRD's BGP chose it. "direct" and "gateway direct": the injector is on the veth
# subnet, so its NEXT_HOP is the route's gateway without a recursive lookup (BIRD's iBGP default).
receiver_bird() {
    bird_conf receiver "$RECEIVER" "protocol kernel {
  ipv4 { import none; export all; };
  learn off;
  merge paths off;
}
protocol bgp injector {
  local $RECEIVER as 64512;
  neighbor $INJECTOR as 64512;
  direct;
  strict bind on;
  connect retry time 2;
  error wait time 1,5;
  ipv4 { import all; export none; gateway direct; };
}"
    start_bird receiver "$NS_R"
}

# FRR: bgpd hands its best routes to zebra over the zserv socket (/var/run/frr/NAME/zserv.api with -N NAME) and zebra
# installs them (man zebra; Debian's /etc/frr/daemons gives zebra "-s 90000000", a 90 MB netlink receive buffer).
# Both run in the receiver namespace under the pathspace $FRR_NAME, so they share nothing with a system FRR.
receiver_frr() {
    mkdir -p "$RUN/frr" "$FRR_RUN"
    cat >"$RUN/frr/zebra.conf" <<EOF
frr defaults traditional
hostname receiver
log file $RUN/frr/zebra.log informational
!
EOF
    cat >"$RUN/frr/bgpd.conf" <<EOF
frr defaults traditional
hostname receiver
log file $RUN/frr/bgpd.log informational
!
router bgp 64512
 bgp router-id $RECEIVER
 no bgp ebgp-requires-policy
 neighbor $INJECTOR remote-as 64512
 neighbor $INJECTOR update-source $RECEIVER
 neighbor $INJECTOR timers connect 2
 !
 address-family ipv4 unicast
  neighbor $INJECTOR activate
 exit-address-family
!
EOF
    chown -R frr:frr "$RUN/frr" "$FRR_RUN"
    # -P 0: no vty TCP port; zebra first, bgpd once zebra's zserv socket is there (bgpd would retry, but later).
    start zebra "$NS_R" /usr/lib/frr/zebra -N "$FRR_NAME" -f "$RUN/frr/zebra.conf" -i "$FRR_RUN/zebra.pid" -P 0 \
        -u frr -g frr -s 90000000
    await 30 "zebra's socket $FRR_RUN/zserv.api" test -S "$FRR_RUN/zserv.api" || return 0
    start receiver "$NS_R" /usr/lib/frr/bgpd -N "$FRR_NAME" -f "$RUN/frr/bgpd.conf" -i "$FRR_RUN/bgpd.pid" -p 179 \
        -l "$RECEIVER" -P 0 -u frr -g frr
}
