package io.fourfold.billing.readmodel;

import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.schema.billing.SubscriptionCancelled;
import io.fourfold.schema.billing.SubscriptionChanged;
import io.fourfold.schema.billing.SubscriptionEvent;
import io.fourfold.schema.billing.SubscriptionStarted;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Applies subscription events to {@code subscription_view}, guarded by the row's version. */
final class SubscriptionRows {

  Uni<Void> apply(SqlConnection connection, SubscriptionEvent event, ProjectedEvent projected) {
    long sequence = projected.sequence();
    if (event instanceof SubscriptionStarted started) {
      OffsetDateTime at = started.startedAt().atOffset(ZoneOffset.UTC);
      return connection
          .preparedQuery(
              "INSERT INTO subscription_view (subscription_id, account_id, plan_id,"
                  + " rate_limit_per_minute, status, started_at, updated_at, version)"
                  + " VALUES ($1, $2, $3, $4, 'active', $5, $5, $6)"
                  + " ON CONFLICT (subscription_id) DO UPDATE SET plan_id = excluded.plan_id,"
                  + " rate_limit_per_minute = excluded.rate_limit_per_minute, status = 'active',"
                  + " started_at = excluded.started_at, updated_at = excluded.updated_at,"
                  + " version = excluded.version WHERE subscription_view.version < excluded.version")
          .execute(
              Tuple.tuple()
                  .addString(started.subscriptionId())
                  .addString(started.accountId())
                  .addString(started.planId())
                  .addInteger(started.rateLimitPerMinute())
                  .addOffsetDateTime(at)
                  .addLong(sequence))
          .replaceWithVoid();
    }
    if (event instanceof SubscriptionChanged changed) {
      return connection
          .preparedQuery(
              "UPDATE subscription_view SET plan_id = $2, rate_limit_per_minute = $3,"
                  + " updated_at = $4, version = $5 WHERE subscription_id = $1 AND version < $5")
          .execute(
              Tuple.tuple()
                  .addString(changed.subscriptionId())
                  .addString(changed.planId())
                  .addInteger(changed.rateLimitPerMinute())
                  .addOffsetDateTime(changed.changedAt().atOffset(ZoneOffset.UTC))
                  .addLong(sequence))
          .replaceWithVoid();
    }
    SubscriptionCancelled cancelled = (SubscriptionCancelled) event;
    return connection
        .preparedQuery(
            "UPDATE subscription_view SET status = 'cancelled', updated_at = $2, version = $3"
                + " WHERE subscription_id = $1 AND version < $3")
        .execute(
            Tuple.of(
                cancelled.subscriptionId(),
                cancelled.cancelledAt().atOffset(ZoneOffset.UTC),
                sequence))
        .replaceWithVoid();
  }
}
