/** JMH benchmarks of the RIB: Adj-RIB-In insertion, interning and the decision process per path. */
package dev.corvid.bench.rib;
