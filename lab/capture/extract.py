#!/usr/bin/env python3
"""Extracts BGP messages from a pcap of the capture lab and writes them as annotated hex files.

Reads a classic libpcap file (Ethernet frames, IPv4/IPv6, TCP port 179), reassembles each direction of each TCP
connection by sequence number, splits the byte stream on the 19-octet BGP header, works out from the two OPENs
what the receiver negotiated (4-octet AS, ADD-PATH, extended messages), keeps a few distinct messages of each
kind and writes one file per sender, receiver and scenario. Standard library only.
"""
import argparse
import collections
import ipaddress
import os
import struct
import sys

# Which program owns which lab address (see capture.sh).
OWNER = {
    '10.99.0.1': 'bird', '10.99.0.11': 'bird', 'fd00:99::1': 'bird',
    '10.99.0.2': 'frr', '10.99.0.12': 'frr', 'fd00:99::2': 'frr',
    '10.99.0.3': 'gobgp', '10.99.0.13': 'gobgp', 'fd00:99::3': 'gobgp',
}
# The scenario of each session, by its pair of addresses.
SCENARIOS = {
    frozenset({'10.99.0.1', '10.99.0.2'}): ('ibgp-rr', 'iBGP AS 65000, FRR is the route reflector; IPv4 unicast, '
                                            'ADD-PATH, graceful restart, LLGR, extended messages'),
    frozenset({'10.99.0.2', '10.99.0.3'}): ('ibgp-rr', 'iBGP AS 65000, FRR is the route reflector; IPv4 and IPv6 '
                                            'unicast over an IPv4 session, ADD-PATH, graceful restart'),
    frozenset({'fd00:99::1', 'fd00:99::2'}): ('ebgp-ipv6-role', 'eBGP 65001-65000 over IPv6, BGP roles peer/peer '
                                              '(OTC), IPv6 unicast and IPv4 unicast with IPv6 next hops (RFC 8950)'),
    frozenset({'10.99.0.11', '10.99.0.12'}): ('ebgp-as2', 'eBGP 65001-65000 where BIRD does not announce 4-octet '
                                              'AS support: AS_TRANS and AS4_PATH'),
    frozenset({'10.99.0.1', '10.99.0.3'}): ('ebgp-addpath', 'eBGP 65001-65000 over IPv4, ADD-PATH both ways'),
    frozenset({'fd00:99::1', 'fd00:99::3'}): ('ebgp-ipv6', 'eBGP 65001-65000 over IPv6, IPv6 unicast'),
    frozenset({'10.99.0.11', '10.99.0.13'}): ('bad-peer-as', 'BIRD expects AS 65099 but GoBGP says 65000: OPEN '
                                              'Message Error / Bad Peer AS'),
}
PROGRAM = {'bird': 'BIRD', 'frr': 'FRR', 'gobgp': 'GoBGP'}

TYPES = {1: 'OPEN', 2: 'UPDATE', 3: 'NOTIFICATION', 4: 'KEEPALIVE', 5: 'ROUTE-REFRESH'}
# How many distinct messages of each kind one file keeps (the first ones seen).
KEEP = {'OPEN': 2, 'KEEPALIVE': 1, 'NOTIFICATION': 4, 'ROUTE-REFRESH': 6,
        'UPDATE': 10, 'UPDATE-EOR': 3, 'UPDATE-WITHDRAW': 2, 'UPDATE-LARGE': 2}
# UPDATEs carrying the same attribute types (in the same order, with the same flags) kept per file.
SAME_SHAPE = 2
LARGE = 1024
WRAP = 32  # octets per hex line


# ------------------------------------------------------------------------------------------------ pcap and TCP
def packets(path):
    with open(path, 'rb') as f:
        data = f.read()
    magic = data[:4]
    if magic in (b'\xd4\xc3\xb2\xa1', b'\x4d\x3c\xb2\xa1'):
        endian = '<'
    elif magic in (b'\xa1\xb2\xc3\xd4', b'\xa1\xb2\x3c\x4d'):
        endian = '>'
    else:
        sys.exit(f'{path}: not a classic pcap file')
    linktype = struct.unpack(endian + 'I', data[20:24])[0]
    if linktype != 1:
        sys.exit(f'{path}: link type {linktype}, expected Ethernet (1)')
    pos = 24
    while pos + 16 <= len(data):
        _, _, incl, _ = struct.unpack(endian + 'IIII', data[pos:pos + 16])
        yield data[pos + 16:pos + 16 + incl]
        pos += 16 + incl


def tcp_segments(path):
    """(src, sport, dst, dport, seq, flags, payload) for every TCP segment."""
    for frame in packets(path):
        ethertype = struct.unpack('!H', frame[12:14])[0]
        ip = frame[14:]
        if ethertype == 0x0800:
            ihl = (ip[0] & 0x0F) * 4
            total = struct.unpack('!H', ip[2:4])[0]
            if ip[9] != 6:
                continue
            src, dst = str(ipaddress.IPv4Address(ip[12:16])), str(ipaddress.IPv4Address(ip[16:20]))
            tcp = ip[ihl:total]
        elif ethertype == 0x86DD:
            if ip[6] != 6:  # the lab sends no extension headers
                continue
            plen = struct.unpack('!H', ip[4:6])[0]
            src, dst = str(ipaddress.IPv6Address(ip[8:24])), str(ipaddress.IPv6Address(ip[24:40]))
            tcp = ip[40:40 + plen]
        else:
            continue
        sport, dport, seq = struct.unpack('!HHI', tcp[:8])
        offset = (tcp[12] >> 4) * 4
        yield src, sport, dst, dport, seq, tcp[13], tcp[offset:]


class Direction:
    def __init__(self):
        self.isn = None
        self.chunks = {}

    def add(self, seq, payload):
        if self.isn is None:  # no SYN seen: start at the first byte seen
            self.isn = (seq - 1) & 0xFFFFFFFF
        off = (seq - self.isn - 1) & 0xFFFFFFFF
        if len(payload) > len(self.chunks.get(off, b'')):
            self.chunks[off] = payload

    def stream(self):
        out = bytearray()
        for off in sorted(self.chunks):
            chunk = self.chunks[off]
            if off > len(out):
                print(f'warning: gap of {off - len(out)} octets in a TCP stream; keeping what precedes it',
                      file=sys.stderr)
                break
            out += chunk[len(out) - off:]
        return bytes(out)


def connections(path):
    """List of (client, server, {endpoint: Direction}) in the order the connections started."""
    conns = []
    current = {}  # frozenset of the two endpoints -> connection
    for src, sport, dst, dport, seq, flags, payload in tcp_segments(path):
        a, b = (src, sport), (dst, dport)
        key = frozenset({a, b})
        syn, ack = flags & 0x02, flags & 0x10
        if syn and not ack:
            conn = {'client': a, 'server': b, a: Direction(), b: Direction()}
            conn[a].isn = seq
            conns.append(conn)
            current[key] = conn
            continue
        conn = current.get(key)
        if conn is None:
            conn = {'client': a, 'server': b, a: Direction(), b: Direction()}
            conns.append(conn)
            current[key] = conn
        if syn:
            conn[a].isn = seq
            continue
        if payload:
            conn[a].add(seq, payload)
    return conns


def split_messages(stream):
    msgs, pos = [], 0
    while pos + 19 <= len(stream):
        length = struct.unpack('!H', stream[pos + 16:pos + 18])[0]
        if stream[pos:pos + 16] != b'\xff' * 16 or length < 19:
            print('warning: lost BGP framing; dropping the rest of a stream', file=sys.stderr)
            break
        if pos + length > len(stream):
            break
        msgs.append(stream[pos:pos + length])
        pos += length
    return msgs


# ------------------------------------------------------------------------------------------------ BGP decoding
def family_name(afi, safi):
    if safi == 1 and afi in (1, 2):
        return 'ipv4-unicast' if afi == 1 else 'ipv6-unicast'
    return f'afi-{afi}/safi-{safi}'


def capabilities(open_msg):
    """[(code, value bytes)] of an OPEN (RFC 5492 optional parameter 2)."""
    body = open_msg[19:]
    opt_len = body[9]
    params = body[10:10 + opt_len]
    caps, pos = [], 0
    while pos + 2 <= len(params):
        ptype, plen = params[pos], params[pos + 1]
        value = params[pos + 2:pos + 2 + plen]
        if ptype == 2:
            cpos = 0
            while cpos + 2 <= len(value):
                code, clen = value[cpos], value[cpos + 1]
                caps.append((code, value[cpos + 2:cpos + 2 + clen]))
                cpos += 2 + clen
        pos += 2 + plen
    return caps


def add_path_modes(caps):
    modes = {}
    for code, value in caps:
        if code == 69:
            for i in range(0, len(value) - 3, 4):
                afi, safi, mode = struct.unpack('!HBB', value[i:i + 4])
                modes[family_name(afi, safi)] = mode
    return modes


def context(sender_open, receiver_open):
    """What the receiver negotiated for the messages it receives from the sender."""
    if sender_open is None or receiver_open is None:
        return {'four-octet-as': False, 'add-path-receive': [], 'extended-message': False}
    s, r = capabilities(sender_open), capabilities(receiver_open)
    s_codes, r_codes = {c for c, _ in s}, {c for c, _ in r}
    s_modes, r_modes = add_path_modes(s), add_path_modes(r)
    # RFC 7911 §4: the sender may send Path Identifiers for a family when it said it can send (2 or 3) and the
    # receiver said it can receive (1 or 3).
    fams = sorted(f for f, m in s_modes.items() if m & 2 and r_modes.get(f, 0) & 1)
    return {'four-octet-as': 65 in s_codes and 65 in r_codes,
            'add-path-receive': fams,
            'extended-message': 6 in s_codes and 6 in r_codes}


def context_line(ctx):
    fams = ','.join(ctx['add-path-receive']) or 'none'
    return (f"four-octet-as={str(ctx['four-octet-as']).lower()} add-path-receive={fams} "
            f"extended-message={str(ctx['extended-message']).lower()}")


def ip4(b):
    return str(ipaddress.IPv4Address(bytes(b)))


def ip6(b):
    return str(ipaddress.IPv6Address(bytes(b)))


def prefixes(data, afi, add_path):
    """[(text, octets)] of NLRI (RFC 4271 §4.3, RFC 7911 §3)."""
    out, pos = [], 0
    while pos < len(data):
        start = pos
        path_id = None
        if add_path:
            path_id = struct.unpack('!I', data[pos:pos + 4])[0]
            pos += 4
        bits = data[pos]
        n = (bits + 7) // 8
        raw = bytes(data[pos + 1:pos + 1 + n]) + bytes((4 if afi == 1 else 16) - n)
        text = f'{ip4(raw) if afi == 1 else ip6(raw)}/{bits}'
        if path_id is not None:
            text += f' path-id {path_id}'
        pos += 1 + n
        out.append((text, data[start:pos]))
    return out


def summary(items, limit=3):
    texts = list(items)
    if len(texts) <= limit:
        return ', '.join(texts)
    return ', '.join(texts[:limit]) + f', ... ({len(texts)} in all)'


ORIGINS = {0: 'IGP', 1: 'EGP', 2: 'INCOMPLETE'}
SEGMENTS = {1: 'AS_SET', 2: 'AS_SEQUENCE', 3: 'AS_CONFED_SEQUENCE', 4: 'AS_CONFED_SET'}
ATTRS = {1: 'ORIGIN', 2: 'AS_PATH', 3: 'NEXT_HOP', 4: 'MULTI_EXIT_DISC', 5: 'LOCAL_PREF', 6: 'ATOMIC_AGGREGATE',
         7: 'AGGREGATOR', 8: 'COMMUNITIES', 9: 'ORIGINATOR_ID', 10: 'CLUSTER_LIST', 14: 'MP_REACH_NLRI',
         15: 'MP_UNREACH_NLRI', 16: 'EXTENDED_COMMUNITIES', 17: 'AS4_PATH', 18: 'AS4_AGGREGATOR',
         25: 'IPV6_EXTENDED_COMMUNITIES', 26: 'AIGP', 32: 'LARGE_COMMUNITY', 35: 'OTC'}
WELL_KNOWN_COMMUNITIES = {0xFFFFFF01: 'NO_EXPORT', 0xFFFFFF02: 'NO_ADVERTISE', 0xFFFFFF03: 'NO_EXPORT_SUBCONFED',
                          0xFFFF029A: 'BLACKHOLE', 0xFFFF0006: 'LLGR_STALE', 0xFFFF0007: 'NO_LLGR'}


def as_path_text(value, as_len):
    segs, pos = [], 0
    while pos + 2 <= len(value):
        stype, count = value[pos], value[pos + 1]
        fmt = '!' + ('I' if as_len == 4 else 'H') * count
        asns = struct.unpack(fmt, value[pos + 2:pos + 2 + count * as_len])
        segs.append(f'{SEGMENTS.get(stype, stype)} of {count} [{summary(map(str, asns), 6)}]')
        pos += 2 + count * as_len
    return '; '.join(segs) or 'empty'


def attribute_text(code, value, ctx):
    as_len = 4 if ctx['four-octet-as'] else 2
    v = value
    if code == 1:
        return ORIGINS.get(v[0], str(v[0]))
    if code in (2, 17):
        return as_path_text(v, 4 if code == 17 else as_len)
    if code in (3, 9):
        return ip4(v)
    if code in (4, 5):
        return str(struct.unpack('!I', v)[0])
    if code == 6:
        return ''
    if code in (7, 18):
        n = 4 if code == 18 or len(v) == 8 else 2
        asn = struct.unpack('!I' if n == 4 else '!H', v[:n])[0]
        return f'AS {asn}, {ip4(v[n:])}'
    if code == 8:
        vals = struct.unpack('!' + 'I' * (len(v) // 4), v)
        return summary((WELL_KNOWN_COMMUNITIES.get(c, f'{c >> 16}:{c & 0xFFFF}') for c in vals), 5)
    if code == 10:
        return summary((ip4(v[i:i + 4]) for i in range(0, len(v), 4)), 4)
    if code == 16:
        return summary((v[i:i + 8].hex() for i in range(0, len(v), 8)), 3)
    if code == 32:
        return summary(('%d:%d:%d' % struct.unpack('!III', v[i:i + 12]) for i in range(0, len(v), 12)), 3)
    if code == 35:
        return f'AS {struct.unpack("!I", v)[0]}'
    if code == 14:
        afi, safi, nhl = struct.unpack('!HBB', v[:4])
        nh = v[4:4 + nhl]
        nhs = [ip4(nh)] if nhl == 4 else [ip6(nh[i:i + 16]) for i in range(0, nhl, 16)]
        nlri = prefixes(v[5 + nhl:], afi, family_name(afi, safi) in ctx['add-path-receive'])
        return (f'{family_name(afi, safi)}, next hop {" + ".join(nhs)}, '
                f'{len(nlri)} NLRI: {summary(t for t, _ in nlri)}')
    if code == 15:
        afi, safi = struct.unpack('!HB', v[:3])
        nlri = prefixes(v[3:], afi, family_name(afi, safi) in ctx['add-path-receive'])
        if not nlri:
            return f'{family_name(afi, safi)}, no NLRI'
        return f'{family_name(afi, safi)}, {len(nlri)} withdrawn: {summary(t for t, _ in nlri)}'
    return f'{len(v)} octets'


def attributes(data):
    """[(flags, code, header octets, value octets)]."""
    out, pos = [], 0
    while pos < len(data):
        flags, code = data[pos], data[pos + 1]
        if flags & 0x10:
            length, hlen = struct.unpack('!H', data[pos + 2:pos + 4])[0], 4
        else:
            length, hlen = data[pos + 2], 3
        out.append((flags, code, data[pos:pos + hlen], data[pos + hlen:pos + hlen + length]))
        pos += hlen + length
    return out


def flags_text(flags):
    names = [n for bit, n in ((0x80, 'optional'), (0x40, 'transitive'), (0x20, 'partial'), (0x10, 'extended'))
             if flags & bit]
    return ' '.join(names) or 'well-known'


CAP_NAMES = {1: 'multiprotocol', 2: 'route refresh', 5: 'extended next hop', 6: 'extended message',
             9: 'BGP role', 64: 'graceful restart', 65: 'four-octet AS', 67: 'dynamic capability',
             69: 'ADD-PATH', 70: 'enhanced route refresh', 71: 'long-lived graceful restart', 73: 'FQDN',
             75: 'software version', 128: 'route refresh (pre-standard)'}
ROLES = {0: 'provider', 1: 'rs', 2: 'rs-client', 3: 'customer', 4: 'peer'}
ADD_PATH_MODES = {1: 'receive', 2: 'send', 3: 'send/receive'}


def capability_text(code, v):
    name = CAP_NAMES.get(code, f'capability {code}')
    if code == 1:
        afi, safi = struct.unpack('!HxB', v)
        return f'{name} {family_name(afi, safi)}'
    if code == 5:
        tuples = [struct.unpack('!HHH', v[i:i + 6]) for i in range(0, len(v), 6)]
        return f'{name}: ' + ', '.join(f'{family_name(a, s)} via afi {n}' for a, s, n in tuples)
    if code == 9:
        return f'{name} {ROLES.get(v[0], v[0])}'
    if code == 65:
        return f'{name}: AS {struct.unpack("!I", v)[0]}'
    if code == 69:
        tuples = [struct.unpack('!HBB', v[i:i + 4]) for i in range(0, len(v), 4)]
        return f'{name}: ' + ', '.join(f'{family_name(a, s)} {ADD_PATH_MODES.get(m, m)}' for a, s, m in tuples)
    if code == 64:
        flags_time = struct.unpack('!H', v[:2])[0] if len(v) >= 2 else 0
        fams = [family_name(*struct.unpack('!HB', v[i:i + 3])) for i in range(2, len(v) - 3, 4)]
        return f'{name}: flags {flags_time >> 12:#x}, restart time {flags_time & 0xFFF}s, ' \
               f'families [{", ".join(fams)}]'
    if code == 73 and v:
        host = bytes(v[1:1 + v[0]]).decode('ascii', 'replace')
        rest = v[1 + v[0]:]
        domain = bytes(rest[1:1 + rest[0]]).decode('ascii', 'replace') if rest else ''
        return f'{name}: hostname "{host}", domain "{domain}"'
    if code == 75 and v:
        return f'{name}: "{bytes(v[1:1 + v[0]]).decode("ascii", "replace")}"'
    return name


NOTIFICATION_CODES = {1: 'Message Header Error', 2: 'OPEN Message Error', 3: 'UPDATE Message Error',
                      4: 'Hold Timer Expired', 5: 'Finite State Machine Error', 6: 'Cease',
                      7: 'ROUTE-REFRESH Message Error'}
CEASE = {1: 'Maximum Number of Prefixes Reached', 2: 'Administrative Shutdown', 3: 'Peer De-configured',
         4: 'Administrative Reset', 5: 'Connection Rejected', 6: 'Other Configuration Change',
         7: 'Connection Collision Resolution', 8: 'Out of Resources', 9: 'Hard Reset'}
UPDATE_ERRORS = {1: 'Malformed Attribute List', 2: 'Unrecognized Well-known Attribute',
                 3: 'Missing Well-known Attribute', 4: 'Attribute Flags Error', 5: 'Attribute Length Error',
                 6: 'Invalid ORIGIN Attribute', 8: 'Invalid NEXT_HOP Attribute', 9: 'Optional Attribute Error',
                 10: 'Invalid Network Field', 11: 'Malformed AS_PATH'}
OPEN_ERRORS = {1: 'Unsupported Version Number', 2: 'Bad Peer AS', 3: 'Bad BGP Identifier',
               4: 'Unsupported Optional Parameter', 6: 'Unacceptable Hold Time', 7: 'Unsupported Capability',
               11: 'Role Mismatch'}


# ------------------------------------------------------------------------------------------------ annotation
class Lines:
    def __init__(self):
        self.rows = []

    def field(self, octets, comment):
        octets = bytes(octets)
        if not octets:
            self.rows.append(('', comment))
            return
        for i in range(0, len(octets), WRAP):
            self.rows.append((octets[i:i + WRAP].hex(), comment if i == 0 else ''))

    def text(self):
        width = max(len(h) for h, _ in self.rows)
        out = []
        for h, c in self.rows:
            if not h:
                out.append(f'# {c}')
            elif c:
                out.append(f'{h.ljust(width)}  # {c}')
            else:
                out.append(h)
        return '\n'.join(out)


def annotate(msg, ctx):
    """(kind, shape, one-line description, annotated hex) of one message."""
    lines = Lines()
    mtype = msg[18]
    name = TYPES.get(mtype, f'type {mtype}')
    lines.field(msg[:16], 'marker')
    lines.field(msg[16:18], f'length {len(msg)}')
    lines.field(msg[18:19], f'type {name}')
    body = msg[19:]
    kind, desc, shape = name, '', None
    if mtype == 1:
        version, my_as, hold = struct.unpack('!BHH', body[:5])
        lines.field(body[0:1], f'version {version}')
        lines.field(body[1:3], f'my AS {my_as}')
        lines.field(body[3:5], f'hold time {hold}')
        lines.field(body[5:9], f'BGP identifier {ip4(body[5:9])}')
        opt_len = body[9]
        lines.field(body[9:10], f'optional parameters length {opt_len}')
        params, pos, ncaps = body[10:10 + opt_len], 0, 0
        while pos + 2 <= len(params):
            ptype, plen = params[pos], params[pos + 1]
            value = params[pos + 2:pos + 2 + plen]
            if ptype != 2:
                lines.field(params[pos:pos + 2 + plen], f'optional parameter {ptype}')
            else:
                lines.field(params[pos:pos + 2], f'optional parameter: capabilities, {plen} octets')
                cpos = 0
                while cpos + 2 <= len(value):
                    code, clen = value[cpos], value[cpos + 1]
                    lines.field(value[cpos:cpos + 2 + clen], capability_text(code, value[cpos + 2:cpos + 2 + clen]))
                    cpos += 2 + clen
                    ncaps += 1
            pos += 2 + plen
        desc = f'AS {my_as}, hold {hold}, id {ip4(body[5:9])}, {ncaps} capabilities'
    elif mtype == 2:
        wlen = struct.unpack('!H', body[:2])[0]
        lines.field(body[:2], f'withdrawn routes length {wlen}')
        ipv4_ap = 'ipv4-unicast' in ctx['add-path-receive']
        withdrawn = prefixes(body[2:2 + wlen], 1, ipv4_ap)
        if withdrawn:
            lines.field(body[2:2 + wlen], f'withdrawn: {summary(t for t, _ in withdrawn)}')
        alen = struct.unpack('!H', body[2 + wlen:4 + wlen])[0]
        lines.field(body[2 + wlen:4 + wlen], f'path attributes length {alen}')
        attrs = attributes(body[4 + wlen:4 + wlen + alen])
        names = []
        shape = (bool(withdrawn), tuple((flags, code) for flags, code, _, _ in attrs))
        for flags, code, header, value in attrs:
            aname = ATTRS.get(code, f'unknown attribute {code}')
            names.append(aname)
            text = attribute_text(code, value, ctx) if code in ATTRS else ''
            lines.field(header, f'{aname} ({flags_text(flags)}), {len(value)} octets')
            if value:
                lines.field(value, f'  {text}' if text else '  value')
        nlri = prefixes(body[4 + wlen + alen:], 1, ipv4_ap)
        if nlri:
            lines.field(body[4 + wlen + alen:], f'NLRI: {summary(t for t, _ in nlri)}')
        mp_reach = [v for _, c, _, v in attrs if c == 14]
        mp_unreach = [v for _, c, _, v in attrs if c == 15]
        if not withdrawn and not attrs and not nlri:
            kind, desc = 'UPDATE-EOR', 'End-of-RIB ipv4-unicast'
        elif len(attrs) == 1 and mp_unreach and len(mp_unreach[0]) == 3:
            afi, safi = struct.unpack('!HB', mp_unreach[0])
            kind, desc = 'UPDATE-EOR', f'End-of-RIB {family_name(afi, safi)}'
        elif not nlri and not mp_reach:
            kind = 'UPDATE-WITHDRAW'
            count = len(withdrawn) + sum(len(prefixes(v[3:], struct.unpack('!H', v[:2])[0],
                                                      family_name(*struct.unpack('!HB', v[:3]))
                                                      in ctx['add-path-receive'])) for v in mp_unreach)
            desc = f'withdraws {count} prefixes'
        else:
            count = len(nlri) + sum(len(prefixes(v[5 + v[3]:], struct.unpack('!H', v[:2])[0],
                                                 family_name(*struct.unpack('!HB', v[:3]))
                                                 in ctx['add-path-receive'])) for v in mp_reach)
            desc = f'{count} prefixes with {", ".join(names)}'
            if withdrawn:
                desc += f'; withdraws {len(withdrawn)}'
            if len(msg) > LARGE:
                kind = 'UPDATE-LARGE'
    elif mtype == 3:
        code, sub = body[0], body[1]
        lines.field(body[0:1], f'error code {code} ({NOTIFICATION_CODES.get(code, "?")})')
        subname = {6: CEASE, 2: OPEN_ERRORS, 3: UPDATE_ERRORS}.get(code, {}).get(sub, '')
        lines.field(body[1:2], f'error subcode {sub}' + (f' ({subname})' if subname else ''))
        data = body[2:]
        desc = f'{NOTIFICATION_CODES.get(code, code)} / {subname or sub}'
        if code == 6 and sub in (2, 4) and data and data[0] + 1 <= len(data):
            text = bytes(data[1:1 + data[0]]).decode('utf-8', 'replace')
            lines.field(data[:1], f'shutdown communication length {data[0]} (RFC 9003)')
            lines.field(data[1:1 + data[0]], f'"{text}"')
            if len(data) > 1 + data[0]:
                lines.field(data[1 + data[0]:], 'data')
            desc += f', "{text}"'
        elif data:
            lines.field(data, 'data')
    elif mtype == 5:
        afi, subtype, safi = struct.unpack('!HBB', body[:4])
        sub = {0: 'request', 1: 'BoRR', 2: 'EoRR'}.get(subtype, str(subtype))
        lines.field(body[0:2], f'AFI {afi}')
        lines.field(body[2:3], f'subtype {subtype} ({sub}, RFC 7313)')
        lines.field(body[3:4], f'SAFI {safi}')
        desc = f'{sub} {family_name(afi, safi)}'
    return kind, shape, desc, lines.text()


# ------------------------------------------------------------------------------------------------ output
def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--pcap', required=True)
    ap.add_argument('--out', required=True)
    ap.add_argument('--version', action='append', default=[], help='program=version text')
    args = ap.parse_args()
    versions = dict(v.split('=', 1) for v in args.version)

    files = collections.OrderedDict()  # (sender, receiver, scenario) -> {'ctx':..., 'msgs': [...]}
    for conn in connections(args.pcap):
        client, server = conn['client'], conn['server']
        streams = {ep: split_messages(conn[ep].stream()) for ep in (client, server)}
        opens = {ep: next((m for m in streams[ep] if m[18] == 1), None) for ep in (client, server)}
        pair = frozenset({client[0], server[0]})
        if pair not in SCENARIOS:
            print(f'warning: session {sorted(pair)} is not a lab scenario; skipped', file=sys.stderr)
            continue
        for sender, receiver in ((client, server), (server, client)):
            if not streams[sender]:
                continue
            ctx = context(opens[sender], opens[receiver])
            key = (OWNER[sender[0]], OWNER[receiver[0]], SCENARIOS[pair][0])
            entry = files.setdefault(key, {'ctx': ctx, 'pair': pair, 'addrs': (sender[0], receiver[0]),
                                           'msgs': [], 'seen': set(), 'count': collections.Counter(),
                                           'shapes': collections.Counter()})
            # A connection whose OPENs were not both captured keeps the context of the earlier ones.
            if opens[sender] is not None and opens[receiver] is not None and ctx != entry['ctx']:
                if entry['msgs'] and any(m[0] != 'OPEN' for m in entry['msgs']):
                    print(f'warning: {key}: a later connection negotiated {context_line(ctx)}; '
                          f'its messages are skipped', file=sys.stderr)
                    continue
                entry['ctx'] = ctx
            for msg in streams[sender]:
                if msg in entry['seen']:
                    continue
                kind, shape, desc, text = annotate(msg, entry['ctx'])
                if entry['count'][kind] >= KEEP[kind]:
                    continue
                if kind == 'UPDATE' and entry['shapes'][shape] >= SAME_SHAPE:
                    continue
                entry['shapes'][shape] += 1
                entry['seen'].add(msg)
                entry['count'][kind] += 1
                entry['msgs'].append((kind, desc, text))

    os.makedirs(args.out, exist_ok=True)
    for name in os.listdir(args.out):
        if name.endswith('.hex'):
            os.remove(os.path.join(args.out, name))
    total = 0
    for (sender, receiver, scenario), entry in files.items():
        path = os.path.join(args.out, f'{sender}-to-{receiver}-{scenario}.hex')
        with open(path, 'w') as f:
            f.write(f'# Real BGP messages sent by {PROGRAM[sender]} ({versions.get(sender, "?")}, '
                    f'{entry["addrs"][0]}) to {PROGRAM[receiver]} ({versions.get(receiver, "?")}, '
                    f'{entry["addrs"][1]}).\n')
            f.write(f'# Scenario {scenario}: {SCENARIOS[entry["pair"]][1]}.\n')
            f.write('# Captured with lab/capture/capture.sh (see lab/capture/README.md); distinct messages only, '
                    'in the order sent.\n')
            f.write('# The context is what the receiver negotiated for the messages it receives:\n')
            f.write(f'# context: {context_line(entry["ctx"])}\n')
            for n, (kind, desc, text) in enumerate(entry['msgs'], 1):
                mtype = kind.split('-EOR')[0].split('-WITHDRAW')[0].split('-LARGE')[0]
                f.write(f'\n# message {n}: {mtype}' + (f' ({desc})' if desc else '') + f'\n{text}\n')
        total += len(entry['msgs'])
        print(f'{os.path.basename(path)}: {len(entry["msgs"])} messages '
              f'({", ".join(f"{k} {v}" for k, v in sorted(entry["count"].items()))})')
    print(f'{total} messages in {len(files)} files')


if __name__ == '__main__':
    main()
