/**
 * The kernel interop scenarios of issue 5, one lab each: corvid (the real jar) installing the best routes it learns
 * from BIRD and FRR into its namespace's kernel and removing them when the peer goes ({@code KernelInteropTest}),
 * adopting its routes after {@code kill -9} without deleting and re-adding them ({@code KernelRestartTest}),
 * direct, {@code cross-subnet} and {@code ipip} routes through a tunnel device ({@code KernelEncapsulationTest}),
 * and what it does with a missing tunnel device, another program's route and learned blackhole routes
 * ({@code KernelErrorsTest}). Each asserts what the kernel holds ({@link dev.corvid.it.kernel.KernelTable}: {@code ip
 * -j route}), what {@code corvid show kernel --json} says and, where routes leave the node, what the peers hold.
 */
package dev.corvid.it.kernel;
