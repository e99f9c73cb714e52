package io.fourfold.eventing.projection.generation;

/** Another rebuild, rollback or prune of the same projection holds its lock. */
public class RebuildBusyException extends RuntimeException {

  private final String holder;

  public RebuildBusyException(String projection, String holder) {
    super(projection + " is busy: " + holder);
    this.holder = holder;
  }

  /** Who holds the lock: operation, service, host, pid and since when. */
  public String holder() {
    return holder;
  }
}
