package io.fourfold.eventing.projection.generation;

import java.util.List;

/**
 * A rebuildable projection's generations and what is running on it.
 *
 * @param name the projection
 * @param store its store
 * @param service the service that owns it
 * @param active the generation serving reads
 * @param generations every generation still kept
 * @param operation the last operation this instance ran or runs on it, or null
 */
public record ProjectionGenerations(
    String name,
    String store,
    String service,
    int active,
    List<GenerationReport> generations,
    RebuildProgress operation) {}
