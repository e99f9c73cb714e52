package io.fourfold.eventing.projection.generation;

import java.time.Instant;

/**
 * One generation of a projection, as the registry holds it.
 *
 * @param generation its number
 * @param state {@code building}, {@code active} or {@code retired}
 * @param location where it lives in the store
 * @param checkpoint the global index up to which it holds every event ({@code building}: where a
 *     resumed rebuild goes on; {@code retired}: where a rollback catches up from)
 * @param createdAt when its build started
 * @param switchedAt when it last started or stopped serving
 */
public record GenerationReport(
    int generation,
    String state,
    String location,
    long checkpoint,
    Instant createdAt,
    Instant switchedAt) {}
