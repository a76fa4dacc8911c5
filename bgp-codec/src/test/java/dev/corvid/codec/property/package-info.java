/** Property and fuzz tests over seeded generators; a failure names its seed and the octets. */
package dev.corvid.codec.property;
