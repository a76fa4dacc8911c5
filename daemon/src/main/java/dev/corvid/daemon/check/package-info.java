/** {@code corvid check -c FILE}: validates a configuration file without starting anything. */
package dev.corvid.daemon.check;
