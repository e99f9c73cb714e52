package io.fourfold.eventing.projection;

import io.fourfold.schema.consistency.ConsistencyToken;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/**
 * Waits, for a bounded time, until a projection has applied the events named by consistency tokens:
 * how a client reads its own write from an eventually consistent projection.
 */
@ApplicationScoped
public class ConsistencyWaits {

  private static final Duration POLL_INTERVAL = Duration.ofMillis(10);

  /** Completes with true once every token is applied, or with false when the timeout ran out. */
  public Uni<Boolean> awaitApplied(
      Projector projection, List<ConsistencyToken> tokens, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    return poll(projection, tokens, deadline);
  }

  private Uni<Boolean> poll(Projector projection, List<ConsistencyToken> tokens, long deadline) {
    return allApplied(projection, tokens)
        .flatMap(
            applied -> {
              if (applied) {
                return Uni.createFrom().item(true);
              }
              if (System.nanoTime() >= deadline) {
                return Uni.createFrom().item(false);
              }
              return Uni.createFrom()
                  .voidItem()
                  .onItem()
                  .delayIt()
                  .by(POLL_INTERVAL)
                  .flatMap(ignored -> poll(projection, tokens, deadline));
            });
  }

  private static Uni<Boolean> allApplied(Projector projection, List<ConsistencyToken> tokens) {
    Uni<Boolean> all = Uni.createFrom().item(true);
    for (ConsistencyToken token : tokens) {
      all =
          all.flatMap(
              soFar ->
                  soFar
                      ? projection
                          .appliedSequence(token.aggregateId())
                          .map(applied -> applied >= token.sequence())
                      : Uni.createFrom().item(false));
    }
    return all;
  }
}
