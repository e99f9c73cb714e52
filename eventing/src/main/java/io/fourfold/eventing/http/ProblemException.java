package io.fourfold.eventing.http;

/**
 * Thrown by a service to answer with a specific problem; the shared mapper turns it into the
 * response, so resources never build error responses by hand.
 */
public class ProblemException extends RuntimeException {

  private final transient Problem problem;

  public ProblemException(Problem problem) {
    super(problem.detail());
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
