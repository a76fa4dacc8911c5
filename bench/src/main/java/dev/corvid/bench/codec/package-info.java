/** JMH benchmarks of the wire codec: UPDATE decode and encode per prefix, and UPDATE packing. */
package dev.corvid.bench.codec;
