/** OPEN capabilities (RFC 5492) as records and their codec. */
package dev.corvid.codec.capability;
