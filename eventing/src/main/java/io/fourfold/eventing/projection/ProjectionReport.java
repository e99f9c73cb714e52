package io.fourfold.eventing.projection;

/**
 * One projection as {@code GET /api/v1/projections} reports it.
 *
 * @param name the projection, also its consumer group
 * @param store {@code postgresql}, {@code redis}, {@code elasticsearch} or {@code s3}
 * @param generation the generation serving reads (1 until the first rebuild)
 * @param position the global index of the newest event it applied in its service's instance
 * @param headPosition the global index of the newest event in the store, or null when the service
 *     has no event store to ask
 * @param lagEvents events on the topic it has not applied yet
 * @param lagSeconds how far behind it is in time; 0 when caught up
 * @param state {@code live}, {@code rebuilding} or {@code failing}
 * @param service the service running it
 * @param deadLetters events it sent to the dead-letter topic since its service started
 */
public record ProjectionReport(
    String name,
    String store,
    int generation,
    long position,
    Long headPosition,
    long lagEvents,
    double lagSeconds,
    String state,
    String service,
    long deadLetters) {}
