package io.fourfold.eventing.projection;

import java.util.OptionalLong;

/** The global index of the newest event in the event store, as far as this service can tell. */
public interface HeadPosition {

  /** The head, or empty when it cannot be read right now. */
  OptionalLong head();
}
