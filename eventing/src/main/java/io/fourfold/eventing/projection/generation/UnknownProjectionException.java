package io.fourfold.eventing.projection.generation;

/** This service has no rebuildable projection of that name. */
public class UnknownProjectionException extends RuntimeException {
  public UnknownProjectionException(String name) {
    super("no rebuildable projection named " + name + " in this service");
  }
}
