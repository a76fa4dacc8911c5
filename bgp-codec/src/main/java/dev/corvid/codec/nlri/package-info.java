/**
 * IPv4 and IPv6 prefixes and their wire form (RFC 4271 §4.3, RFC 4760 §5), with RFC 7911 ADD-PATH path
 * identifiers.
 */
package dev.corvid.codec.nlri;
