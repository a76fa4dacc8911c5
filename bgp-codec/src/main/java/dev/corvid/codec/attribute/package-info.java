/**
 * BGP path attributes (RFC 4271 §4.3, §5 and the RFCs that add attributes) as records, and their codec: one
 * descriptor per type code (flags, decode, encode) so the generic checks of RFC 7606 §3-§4 run in one place and
 * each attribute's own rules (RFC 7606 §7) sit next to its decoder.
 */
package dev.corvid.codec.attribute;
