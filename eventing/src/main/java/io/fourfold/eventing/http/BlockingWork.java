package io.fourfold.eventing.http;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Callable;

/**
 * Runs blocking work (JDBC commands, bcrypt) for a reactive endpoint on a worker thread and resumes
 * on the request's context, where its reactive reads live. Unordered: Vert.x queues ordered
 * blocking work per event loop, which would let only one request per event loop run at a time,
 * whatever the worker pool.
 */
@ApplicationScoped
public class BlockingWork {

  private final Vertx vertx;

  public BlockingWork(Vertx vertx) {
    this.vertx = vertx;
  }

  public <T> Uni<T> run(Callable<T> work) {
    return vertx.executeBlocking(work, false);
  }
}
