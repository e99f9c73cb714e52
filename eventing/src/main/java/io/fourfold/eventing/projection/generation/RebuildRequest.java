package io.fourfold.eventing.projection.generation;

/**
 * What to rebuild.
 *
 * @param aggregateId when set, only this aggregate's data is rebuilt, in place, in the serving
 *     generation
 * @param fromPosition when set, a new generation reads the event store from this global index on
 *     (events before it are not in it); a resumed rebuild starts there instead of its checkpoint
 * @param dryRun only say what would be done
 * @param stopAfterCheckpoints for tests: the rebuild stops dead after saving this many checkpoints,
 *     as if its process had crashed (its generation stays {@code building} with its checkpoint); 0
 *     = never
 */
public record RebuildRequest(
    String aggregateId, Long fromPosition, boolean dryRun, int stopAfterCheckpoints) {

  /** A whole new generation. */
  public static RebuildRequest full() {
    return new RebuildRequest(null, null, false, 0);
  }
}
