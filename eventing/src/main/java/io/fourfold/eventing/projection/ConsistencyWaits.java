package io.fourfold.eventing.projection;

import io.fourfold.schema.consistency.ConsistencyToken;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Waits, for a bounded time, until a projection has applied the events named by consistency tokens:
 * how a client reads its own write from an eventually consistent projection.
 *
 * <p>A wait re-reads the store as soon as this instance's runtime applies an event of a token's
 * aggregate (usually the one awaited), so read-your-write costs the projection's own latency and no
 * polling interval; when another instance applies it, a slow poll still sees it.
 */
@ApplicationScoped
public class ConsistencyWaits {

  // The first re-read without a signal comes after 50 ms, then the interval doubles up to 400 ms:
  // a wait whose event another instance applies still sees it, while a thousand waits under a
  // backlog do not starve the projection of its database with their re-reads.
  private static final Duration FIRST_POLL = Duration.ofMillis(50);
  private static final Duration LAST_POLL = Duration.ofMillis(400);
  private static final Duration MIN_PAUSE = Duration.ofMillis(1);

  private final AppliedSignals signals;

  public ConsistencyWaits(AppliedSignals signals) {
    this.signals = signals;
  }

  /** Completes with true once every token is applied, or with false when the timeout ran out. */
  public Uni<Boolean> awaitApplied(
      Projector projection, List<ConsistencyToken> tokens, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    // The store is read on the caller's context (a reactive session belongs to it), also after a
    // wake-up that comes from the projection's thread.
    Context caller = Vertx.currentContext();
    Executor resume = caller == null ? Runnable::run : task -> caller.runOnContext(v -> task.run());
    return check(projection, tokens, deadline, FIRST_POLL, resume);
  }

  private Uni<Boolean> check(
      Projector projection,
      List<ConsistencyToken> tokens,
      long deadline,
      Duration poll,
      Executor resume) {
    // Deferred: a wait registers for signals when it runs, never when it is only assembled.
    return Uni.createFrom()
        .deferred(
            () -> {
              List<AppliedSignals.Registration> registrations = new ArrayList<>(tokens.size());
              for (ConsistencyToken token : tokens) {
                registrations.add(signals.register(projection.name(), token.aggregateId()));
              }
              return allApplied(projection, tokens)
                  .flatMap(
                      applied -> {
                        long remaining = deadline - System.nanoTime();
                        // Vert.x timers take whole milliseconds: less than one left is no time.
                        if (applied || remaining < MIN_PAUSE.toNanos()) {
                          return Uni.createFrom().item(applied);
                        }
                        Duration pause = Duration.ofNanos(Math.min(remaining, poll.toNanos()));
                        Duration nextPoll =
                            poll.multipliedBy(2).compareTo(LAST_POLL) < 0
                                ? poll.multipliedBy(2)
                                : LAST_POLL;
                        return wakeUp(registrations, pause)
                            .invoke(
                                () -> registrations.forEach(AppliedSignals.Registration::release))
                            .emitOn(resume)
                            .flatMap(
                                ignored -> check(projection, tokens, deadline, nextPoll, resume));
                      })
                  .onTermination()
                  .invoke(() -> registrations.forEach(AppliedSignals.Registration::release));
            });
  }

  /** Completes when any token's aggregate had an event applied here, or after {@code pause}. */
  private static Uni<Void> wakeUp(List<AppliedSignals.Registration> registrations, Duration pause) {
    CompletableFuture<?>[] fired =
        registrations.stream()
            .map(AppliedSignals.Registration::fired)
            .toArray(CompletableFuture<?>[]::new);
    return Uni.createFrom()
        .completionStage(CompletableFuture.anyOf(fired))
        .ifNoItem()
        .after(pause)
        .recoverWithItem(() -> null)
        .replaceWithVoid();
  }

  private Uni<Boolean> allApplied(Projector projection, List<ConsistencyToken> tokens) {
    Uni<Boolean> all = Uni.createFrom().item(true);
    for (ConsistencyToken token : tokens) {
      all = all.flatMap(soFar -> soFar ? applied(projection, token) : Uni.createFrom().item(false));
    }
    return all;
  }

  /** What this instance applied answers without a query; the store answers the rest. */
  private Uni<Boolean> applied(Projector projection, ConsistencyToken token) {
    if (signals.appliedSequence(projection.name(), token.aggregateId()) >= token.sequence()) {
      return Uni.createFrom().item(true);
    }
    return projection
        .appliedSequence(token.aggregateId())
        .map(applied -> applied >= token.sequence());
  }
}
