package io.fourfold.billing.rest;

import io.fourfold.billing.readmodel.BillingQueries;
import io.fourfold.billing.readmodel.BillingReadModelProjector;
import io.fourfold.eventing.projection.ConsistencyFilters;
import io.fourfold.eventing.projection.ConsistencyWaits;
import io.fourfold.schema.consistency.ConsistencyToken;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import java.time.Duration;
import java.util.List;

/**
 * Whether an account may be billed: registered and not erased, as billing's projection of account
 * events knows. A client that just registered sends the registration's consistency token in {@code
 * X-Consistent-With}, and the check waits (up to two seconds) until billing has seen it.
 */
@ApplicationScoped
public class BillableAccounts {

  private static final long DEFAULT_WAIT_MS = 2_000;
  private static final long MAX_WAIT_MS = 10_000;

  private final BillingQueries queries;
  private final BillingReadModelProjector projector;
  private final ConsistencyWaits waits;

  public BillableAccounts(
      BillingQueries queries, BillingReadModelProjector projector, ConsistencyWaits waits) {
    this.queries = queries;
    this.projector = projector;
    this.waits = waits;
  }

  /** Completes when the account may be billed; fails with a 404 problem otherwise. */
  public Uni<Void> require(String accountId, HttpHeaders headers) {
    List<ConsistencyToken> tokens =
        tokens(headers.getHeaderString(ConsistencyFilters.CONSISTENT_WITH));
    Uni<Boolean> seen =
        tokens.isEmpty()
            ? Uni.createFrom().item(true)
            : waits.awaitApplied(
                projector, tokens, timeout(headers.getHeaderString(ConsistencyFilters.TIMEOUT)));
    return seen.flatMap(ignored -> queries.accountMayBeBilled(accountId))
        .invoke(
            billable -> {
              if (!billable) {
                throw RestSupport.notFound("account");
              }
            })
        .replaceWithVoid();
  }

  private static Duration timeout(String header) {
    if (header == null || header.isBlank()) {
      return Duration.ofMillis(DEFAULT_WAIT_MS);
    }
    try {
      long millis = Long.parseLong(header.trim());
      if (millis >= 0) {
        return Duration.ofMillis(Math.min(millis, MAX_WAIT_MS));
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw RestSupport.invalid(
        ConsistencyFilters.TIMEOUT, "must be a whole, non-negative number of milliseconds");
  }

  private static List<ConsistencyToken> tokens(String header) {
    if (header == null || header.isBlank()) {
      return List.of();
    }
    try {
      return ConsistencyToken.decodeAll(header);
    } catch (IllegalArgumentException e) {
      throw RestSupport.invalid(
          ConsistencyFilters.CONSISTENT_WITH, "is not a list of consistency tokens");
    }
  }
}
