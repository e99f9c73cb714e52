package io.fourfold.eventing.projection;

/** The kinds of store a projection can write, as reported by {@code GET /api/v1/projections}. */
public enum ProjectionStore {
  POSTGRESQL,
  REDIS,
  ELASTICSEARCH,
  S3;

  /** The name used in the operations API. */
  public String apiName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
