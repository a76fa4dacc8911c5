/** Wiring and the {@code corvid} command (picocli). */
package dev.corvid.daemon;
