package io.fourfold.schema;

/**
 * A command addressed to one aggregate, with an optional optimistic-concurrency check.
 *
 * <p>Plain methods rather than bean getters, so that a command's JSON holds only its components.
 */
public interface AggregateCommand {

  /** The id of the aggregate that must handle this command. */
  String aggregateId();

  /**
   * The aggregate version (sequence number of its last event) the sender last saw, or {@code null}
   * to skip the check; a mismatch rejects the command instead of overwriting a newer change.
   */
  Long expectedVersion();
}
