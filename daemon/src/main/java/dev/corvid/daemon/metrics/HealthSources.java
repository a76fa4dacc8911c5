package dev.corvid.daemon.metrics;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What {@code /healthz} and {@code /readyz} ask.
 *
 * @param ribProbe     a trivial question to the RIB thread ({@code RoutingEngine::routeCount}); its answer within
 *                     two seconds means the thread makes progress
 * @param listening    true while the speaker is listening with the loaded configuration's peers (false once the
 *                     daemon is stopping)
 * @param kernelSynced when {@code kernel.export} is on: whether the first reconcile of the kernel routes is done
 */
public record HealthSources(Supplier<? extends CompletableFuture<?>> ribProbe, BooleanSupplier listening,
                            Optional<Supplier<CompletableFuture<Boolean>>> kernelSynced) {}
