#!/usr/bin/env bash
# Captures real BGP messages sent by BIRD 2, FRR and GoBGP to each other and writes them as annotated hex
# test vectors to bgp-codec/src/test/resources/captured/ (see README.md beside this file).
#
# Needs root and the Debian packages bird2, frr, gobgpd, tcpdump and python3. Everything runs inside network
# namespaces this script creates (cvcap-*), on 10.99.0.0/24 and fd00:99::/64; everything is torn down on exit.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT=${OUT:-$REPO/bgp-codec/src/test/resources/captured}
WORK=${WORK:-/tmp/corvid-capture}
PCAP=$WORK/bgp.pcap
FRR_NAME=corvid-lab
FRR_RUN=/var/run/frr/$FRR_NAME
GOBGP_PORT=50061
NAMESPACES=(cvcap-hub cvcap-bird cvcap-frr cvcap-gobgp)

log() { printf '[capture] %s\n' "$*" >&2; }

kill_pidfile() {
    local file=$1
    [[ -s $file ]] || return 0
    local pid
    pid=$(cat "$file")
    if kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$file"
}

teardown() {
    # Only the processes this script started (their pid files) and the namespaces it created.
    kill_pidfile "$WORK/tcpdump.pid"
    kill_pidfile "$WORK/bird.pid"
    kill_pidfile "$WORK/frr/bgpd.pid"
    kill_pidfile "$WORK/frr/zebra.pid"
    kill_pidfile "$WORK/gobgpd.pid"
    for ns in "${NAMESPACES[@]}"; do
        ip netns del "$ns" 2>/dev/null || true
    done
    rm -rf "$FRR_RUN"
}

on_exit() {
    local rc=$?
    teardown
    if [[ $rc -ne 0 ]]; then
        log "FAILED (exit $rc); logs are in $WORK"
    fi
}

for tool in bird birdc /usr/lib/frr/bgpd vtysh gobgpd gobgp tcpdump python3; do
    command -v "$tool" >/dev/null || { log "missing $tool: apt-get install -y bird2 frr gobgpd tcpdump python3"; exit 1; }
done
[[ $(id -u) -eq 0 ]] || { log "must run as root (network namespaces)"; exit 1; }

teardown            # leftovers of an earlier run that was killed hard
trap on_exit EXIT
rm -rf "$WORK"
mkdir -p "$WORK/frr" "$FRR_RUN"
chown frr:frr "$WORK/frr" "$FRR_RUN"

in_ns() { local ns=$1; shift; ip netns exec "cvcap-$ns" "$@"; }

wait_for() {  # seconds description command...
    local secs=$1 what=$2; shift 2
    local i
    for i in $(seq $((secs * 5))); do
        if "$@" >/dev/null 2>&1; then return 0; fi
        sleep 0.2
    done
    log "timed out after ${secs}s waiting for $what"
    return 1
}

# ---------------------------------------------------------------------------------------------------------------
# Network: one bridge in cvcap-hub, one veth per speaker. tcpdump on the (promiscuous) bridge sees every frame.
# ---------------------------------------------------------------------------------------------------------------
for ns in "${NAMESPACES[@]}"; do
    ip netns add "$ns"
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
    ip netns exec "$ns" ip link set lo up
done
in_ns hub ip link add br0 type bridge
in_ns hub ip link set br0 up
declare -A V4=([bird]=1 [frr]=2 [gobgp]=3)
for sp in bird frr gobgp; do
    n=${V4[$sp]}
    ip link add "cvcap-$sp" netns cvcap-hub type veth peer name eth0 netns "cvcap-$sp"
    in_ns hub ip link set "cvcap-$sp" master br0 up
    in_ns "$sp" ip link set eth0 up
    in_ns "$sp" ip addr add "10.99.0.$n/24" dev eth0
    in_ns "$sp" ip addr add "10.99.0.1$n/24" dev eth0
    in_ns "$sp" ip addr add "fd00:99::$n/64" dev eth0 nodad
done

ip netns exec cvcap-hub tcpdump -i br0 -s 0 -U -Z root -w "$PCAP" 'tcp port 179' >"$WORK/tcpdump.log" 2>&1 &
echo $! >"$WORK/tcpdump.pid"
for _ in $(seq 50); do [[ -s $PCAP ]] && break; sleep 0.1; done

# ---------------------------------------------------------------------------------------------------------------
# BIRD 2 (AS 65000 towards FRR as an iBGP route-reflector client, AS 65001 on its eBGP sessions)
# ---------------------------------------------------------------------------------------------------------------
big_routes() {  # 600 /24s in one static protocol: packed into large UPDATEs
    local i
    for i in $(seq 0 599); do
        printf '  route 10.%d.%d.0/24 blackhole;\n' $((100 + i / 256)) $((i % 256))
    done
}
long_prepend() {  # 300 ASes: more than one AS_SEQUENCE segment (255 ASes at most per segment)
    local i
    for i in $(seq 1 300); do
        printf '    bgp_path.prepend(%d);\n' $((64600 + i % 7))
    done
}

cat >"$WORK/bird.conf" <<EOF
router id 10.99.0.1;
log "$WORK/bird.log" all;
protocol device {}

protocol static s4 {
  ipv4;
  route 10.97.1.0/24 blackhole { bgp_origin = ORIGIN_IGP; bgp_community.add((65000,100)); bgp_community.add((65000,200));
    bgp_community.add((65535,65281)); bgp_large_community.add((65000,1,1)); bgp_large_community.add((4200000001,2,3));
    bgp_ext_community.add((rt, 65000, 7)); bgp_ext_community.add((ro, 10.99.0.1, 8)); bgp_ext_community.add((rt, 4200000001, 9)); };
  route 10.97.2.0/24 blackhole { bgp_origin = ORIGIN_EGP; bgp_med = 10; bgp_local_pref = 300; };
  route 10.97.3.0/24 blackhole { bgp_origin = ORIGIN_INCOMPLETE; };
  route 10.97.4.0/24 blackhole { bgp_med = 4000000000; };
  route 10.98.1.0/24 blackhole;
}
protocol static s4w {
  ipv4;
  route 10.97.9.0/24 blackhole;
  route 10.97.10.0/24 blackhole;
}
protocol static big4 {
  ipv4;
$(big_routes)
}
protocol static s6 {
  ipv6;
  route fd00:97:1::/48 blackhole { bgp_community.add((65000,600)); bgp_large_community.add((65000,6,6)); };
  route fd00:97:2::/48 blackhole { bgp_origin = ORIGIN_EGP; bgp_med = 66; };
  route fd00:97:3::/64 blackhole;
}

filter out4 {
  if source != RTS_STATIC then reject;
  if net = 10.97.3.0/24 then {
$(long_prepend)
  }
  if net = 10.97.4.0/24 then {
    bgp_path.prepend(4200000010); bgp_path.prepend(65020); bgp_path.prepend(4200000011); bgp_path.prepend(65021);
  }
  if net = 10.98.1.0/24 then { bgp_path.prepend(65030); bgp_path.prepend(4200000030); }
  accept;
}
filter out4small {
  if proto = "big4" then reject;
  if source != RTS_STATIC then reject;
  if net = 10.97.4.0/24 then { bgp_path.prepend(4200000010); bgp_path.prepend(65020); }
  accept;
}
filter out6 {
  if source != RTS_STATIC then reject;
  accept;
}

template bgp lab {
  connect retry time 2;
  error wait time 1,5;
  graceful restart on;
}

# Scenario ibgp-rr: iBGP client of FRR (route reflector), ADD-PATH, LLGR, extended messages.
protocol bgp frr_ibgp from lab {
  local 10.99.0.1 as 65000;
  neighbor 10.99.0.2 as 65000;
  long lived graceful restart on;
  enable extended messages on;
  ipv4 { add paths on; import all; export filter out4; };
}
# Scenario ebgp-ipv6-role: IPv6 session with roles (OTC), IPv6 routes and IPv4 routes with an IPv6 next hop.
protocol bgp frr_v6 from lab {
  local fd00:99::1 as 65001;
  neighbor fd00:99::2 as 65000;
  local role peer;
  ipv6 { import all; export filter out6; };
  ipv4 { extended next hop on; import all; export filter out4small; };
}
# Scenario ebgp-as2: BIRD does not announce 4-octet AS support, so both sides use AS_TRANS and AS4_PATH.
protocol bgp frr_as2 from lab {
  local 10.99.0.11 as 65001;
  neighbor 10.99.0.12 as 65000;
  enable as4 off;
  ipv4 { import all; export filter out4small; };
}
# Scenario ebgp-addpath: eBGP with GoBGP, ADD-PATH both ways.
protocol bgp gobgp_v4 from lab {
  local 10.99.0.1 as 65001;
  neighbor 10.99.0.3 as 65000;
  ipv4 { add paths on; import all; export filter out4; };
}
# Scenario ebgp-ipv6: IPv6 unicast with GoBGP.
protocol bgp gobgp_v6 from lab {
  local fd00:99::1 as 65001;
  neighbor fd00:99::3 as 65000;
  ipv6 { import all; export filter out6; };
}
# Scenario bad-peer-as: GoBGP says AS 65000, BIRD expects 65099: OPEN Message Error / Bad Peer AS.
protocol bgp gobgp_badas from lab {
  local 10.99.0.11 as 65001;
  neighbor 10.99.0.13 as 65099;
  ipv4 { import none; export none; };
}
EOF
bird -p -c "$WORK/bird.conf"
in_ns bird bird -c "$WORK/bird.conf" -s "$WORK/bird.ctl" -P "$WORK/bird.pid"
birdc_() { birdc -s "$WORK/bird.ctl" "$@"; }

# ---------------------------------------------------------------------------------------------------------------
# FRR zebra + bgpd (AS 65000, route reflector)
# ---------------------------------------------------------------------------------------------------------------
cat >"$WORK/frr/bgpd.conf" <<'EOF'
frr defaults traditional
hostname frr-lab
domainname lab.corvid
log file /tmp/corvid-capture/frr/bgpd.log debugging
!
route-map NET-A permit 10
 set origin egp
 set metric 50
 set local-preference 310
 set community 65000:1 65000:2 no-export
 set large-community 65000:1:2 65000:3:4
 set extcommunity rt 65000:7 65000:8
 set as-path prepend 4200000002 65005
!
route-map NET-B permit 10
 set origin incomplete
!
route-map NET6 permit 10
 set community 65000:66
!
router bgp 65000
 bgp router-id 10.99.0.2
 bgp cluster-id 10.99.0.2
 no bgp ebgp-requires-policy
 no bgp network import-check
 bgp graceful-restart
 bgp long-lived-graceful-restart stale-time 60
 neighbor 10.99.0.1 remote-as 65000
 neighbor 10.99.0.1 timers connect 2
 neighbor 10.99.0.3 remote-as 65000
 neighbor 10.99.0.3 timers connect 2
 neighbor 10.99.0.11 remote-as 65001
 neighbor 10.99.0.11 update-source 10.99.0.12
 neighbor 10.99.0.11 timers connect 2
 neighbor fd00:99::1 remote-as 65001
 neighbor fd00:99::1 timers connect 2
 neighbor fd00:99::1 local-role peer
 neighbor fd00:99::1 capability extended-nexthop
 !
 address-family ipv4 unicast
  network 10.96.1.0/24 route-map NET-A
  network 10.96.2.0/24 route-map NET-B
  network 10.96.3.0/24
  aggregate-address 10.98.0.0/16 as-set
  aggregate-address 10.97.0.0/16 summary-only
  neighbor 10.99.0.1 route-reflector-client
  neighbor 10.99.0.1 addpath-tx-all-paths
  neighbor 10.99.0.3 route-reflector-client
  neighbor 10.99.0.3 addpath-tx-all-paths
 exit-address-family
 !
 address-family ipv6 unicast
  network fd00:96:1::/48 route-map NET6
  network fd00:96:2::/48
  neighbor fd00:99::1 activate
  neighbor 10.99.0.3 activate
  neighbor 10.99.0.3 route-reflector-client
 exit-address-family
!
EOF
# zebra tells bgpd about interfaces: without it FRR cannot use (nor send) IPv6 link-local next hops and resets an
# IPv6 session whose peer sends one (seen with 8.4.4: "sent a v6 LL next-hop and there's no peer interface").
printf 'hostname frr-lab\nlog file %s/frr/zebra.log\n' "$WORK" >"$WORK/frr/zebra.conf"
chown frr:frr "$WORK/frr/bgpd.conf" "$WORK/frr/zebra.conf"
in_ns frr /usr/lib/frr/zebra -d -N "$FRR_NAME" -f "$WORK/frr/zebra.conf" -i "$WORK/frr/zebra.pid" -u frr -g frr
wait_for 20 "zebra" test -S "$FRR_RUN/zserv.api"
in_ns frr /usr/lib/frr/bgpd -d -N "$FRR_NAME" -f "$WORK/frr/bgpd.conf" -i "$WORK/frr/bgpd.pid" -u frr -g frr
vtysh_() { in_ns frr vtysh -N "$FRR_NAME" "$@"; }

# ---------------------------------------------------------------------------------------------------------------
# GoBGP (AS 65000; iBGP route-reflector client of FRR, eBGP to BIRD)
# ---------------------------------------------------------------------------------------------------------------
gobgp_neighbor() {  # address peer-as local-address families...
    local addr=$1 as=$2 local=$3; shift 3
    cat <<EOF
[[neighbors]]
  [neighbors.config]
    neighbor-address = "$addr"
    peer-as = $as
  [neighbors.transport.config]
    local-address = "$local"
  [neighbors.timers.config]
    connect-retry = 2
  [neighbors.graceful-restart.config]
    enabled = true
    restart-time = 30
    long-lived-enabled = true
EOF
    local fam
    for fam in "$@"; do
        cat <<EOF
  [[neighbors.afi-safis]]
    [neighbors.afi-safis.config]
      afi-safi-name = "$fam"
    [neighbors.afi-safis.add-paths.config]
      receive = true
      send-max = 4
    [neighbors.afi-safis.mp-graceful-restart.config]
      enabled = true
    [neighbors.afi-safis.long-lived-graceful-restart.config]
      enabled = true
      restart-time = 120
EOF
    done
}
{
    cat <<'EOF'
[global.config]
  as = 65000
  router-id = "10.99.0.3"
EOF
    gobgp_neighbor 10.99.0.2 65000 10.99.0.3 ipv4-unicast ipv6-unicast
    gobgp_neighbor 10.99.0.1 65001 10.99.0.3 ipv4-unicast
    gobgp_neighbor fd00:99::1 65001 fd00:99::3 ipv6-unicast
    gobgp_neighbor 10.99.0.11 65001 10.99.0.13 ipv4-unicast
} >"$WORK/gobgpd.toml"
ip netns exec cvcap-gobgp gobgpd -f "$WORK/gobgpd.toml" -t toml --api-hosts "127.0.0.1:$GOBGP_PORT" --log-plain \
    >"$WORK/gobgpd.log" 2>&1 &
echo $! >"$WORK/gobgpd.pid"
gobgp_() { in_ns gobgp gobgp -p "$GOBGP_PORT" "$@"; }

# ---------------------------------------------------------------------------------------------------------------
# Versions, for the file headers
# ---------------------------------------------------------------------------------------------------------------
wait_for 20 "GoBGP API" gobgp_ global
wait_for 20 "FRR vty" vtysh_ -c 'show version'
BIRD_VERSION=$(bird --version 2>&1 | head -1)
FRR_VERSION="FRRouting $(vtysh_ -c 'show version' | sed -n 's/^FRRouting \([^ ]*\).*/\1/p' | head -1)"
GOBGP_VERSION=$(gobgpd --version 2>&1 | head -1)
log "$BIRD_VERSION / $FRR_VERSION / $GOBGP_VERSION"

# ---------------------------------------------------------------------------------------------------------------
# GoBGP routes (its CLI sets the attributes directly)
# ---------------------------------------------------------------------------------------------------------------
gobgp_ global rib add 10.95.1.0/24 origin egp aspath 4200000001,65010 nexthop 10.99.0.3 med 20 local-pref 250 \
    community 65000:10,no-advertise large-community 65000:5:5,4200000001:6:7 -a ipv4
gobgp_ global rib add 10.95.2.0/24 identifier 1 nexthop 10.99.0.3 -a ipv4
gobgp_ global rib add 10.95.2.0/24 identifier 2 nexthop 10.99.0.13 med 5 -a ipv4
gobgp_ global rib add 10.95.3.0/24 origin incomplete aggregator 4200000003:10.99.0.3 aigp metric 100 -a ipv4
gobgp_ global rib add 10.98.2.0/24 aspath 65040 nexthop 10.99.0.3 -a ipv4
gobgp_ global rib add 10.95.9.0/24 nexthop 10.99.0.3 -a ipv4
gobgp_ global rib add fd00:95:1::/48 nexthop fd00:99::3 community 65000:60 med 6 -a ipv6
gobgp_ global rib add fd00:95:9::/48 nexthop fd00:99::3 -a ipv6

established() {
    birdc_ show protocols "$1" | grep -q Established
}
frr_established() {
    vtysh_ -c "show bgp neighbors $1 json" | grep -q '"bgpState":"Established"'
}
for p in frr_ibgp frr_v6 frr_as2 gobgp_v4 gobgp_v6; do
    wait_for 60 "BIRD session $p" established "$p"
done
wait_for 30 "FRR session with GoBGP" frr_established 10.99.0.3
log "all sessions established; letting the tables settle"
sleep 5

# ---------------------------------------------------------------------------------------------------------------
# Events: withdrawals, route refresh (plain and enhanced), shutdowns with a message, resets.
# ---------------------------------------------------------------------------------------------------------------
birdc_ disable s4w >/dev/null                                       # BIRD withdraws 10.97.9/24 and 10.97.10/24
vtysh_ -c 'configure terminal' -c 'router bgp 65000' -c 'address-family ipv4 unicast' -c 'no network 10.96.2.0/24' \
    -c 'exit-address-family' -c 'address-family ipv6 unicast' -c 'no network fd00:96:2::/48'
gobgp_ global rib del 10.95.9.0/24 -a ipv4
gobgp_ global rib del fd00:95:9::/48 -a ipv6
sleep 3
birdc_ reload in frr_ibgp >/dev/null                                # ROUTE-REFRESH from BIRD; FRR answers BoRR/EoRR
birdc_ reload in gobgp_v4 >/dev/null
vtysh_ -c 'clear bgp 10.99.0.1 soft in'                             # ROUTE-REFRESH from FRR; BIRD answers BoRR/EoRR
vtysh_ -c 'clear bgp 10.99.0.3 soft in'
gobgp_ neighbor 10.99.0.2 softresetin -a ipv4                       # ROUTE-REFRESH from GoBGP
gobgp_ neighbor 10.99.0.1 softresetin -a ipv4
sleep 3
birdc_ disable frr_as2 '"corvid lab: maintenance window"' >/dev/null  # Cease / Administrative Shutdown + message
vtysh_ -c 'configure terminal' -c 'router bgp 65000' \
    -c 'neighbor fd00:99::1 shutdown message frr lab going down for maintenance'
gobgp_ neighbor fd00:99::1 disable --reason 'gobgp lab: disabled by operator'
vtysh_ -c 'clear bgp 10.99.0.3'                                     # Cease / Administrative Reset
birdc_ restart gobgp_v4 >/dev/null                                  # Cease from BIRD
sleep 4
gobgp_ neighbor 10.99.0.2 reset
sleep 3
log "stopping capture"
kill_pidfile "$WORK/tcpdump.pid"

python3 "$HERE/extract.py" --pcap "$PCAP" --out "$OUT" \
    --version "bird=$BIRD_VERSION" --version "frr=$FRR_VERSION" --version "gobgp=$GOBGP_VERSION"
log "done: $(ls "$OUT" | wc -l) files in $OUT"
