/** {@code corvid decode}: BGP messages from hex to JSON, for debugging and for reading captures. */
package dev.corvid.daemon.decode;
