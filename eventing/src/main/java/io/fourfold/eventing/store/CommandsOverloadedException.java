package io.fourfold.eventing.store;

/**
 * More commands wait for a commit than the service takes on: the command was not run. Answered as
 * 503 with {@code Retry-After}, so a burst sheds load at once instead of queueing work that would
 * only be done after its clients gave up.
 */
public class CommandsOverloadedException extends RuntimeException {

  public CommandsOverloadedException(int queued) {
    super(queued + " commands are waiting for a commit; try again shortly");
  }
}
