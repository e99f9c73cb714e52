package io.fourfold.search.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How search-projector indexes and searches account documents. */
@ConfigMapping(prefix = "fourfold.search")
public interface SearchConfig {

  /** The alias readers and the live projection use; generations are {@code <alias>-g<N>}. */
  @WithDefault("fourfold-accounts")
  String accountsAlias();

  /**
   * The index's {@code refresh_interval}: the longest an applied document waits to be searchable.
   */
  @WithDefault("100ms")
  String refreshInterval();

  /** The plan of an account without a running subscription (billing's default plan). */
  @WithDefault("free")
  String defaultPlan();

  /** The page size when a search names none. */
  @WithDefault("20")
  int defaultLimit();

  /** The largest page a search may ask for. */
  @WithDefault("100")
  int maxLimit();

  /** How often one bulk write re-reads and retries documents another writer changed meanwhile. */
  @WithDefault("10")
  int conflictRetries();
}
