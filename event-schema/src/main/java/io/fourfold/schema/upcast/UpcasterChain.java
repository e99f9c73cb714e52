package io.fourfold.schema.upcast;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Every known upcasting step, applied one revision at a time until an event's JSON is current. */
public final class UpcasterChain {

  private final Map<Step, EventUpcaster> steps = new HashMap<>();

  /**
   * @throws IllegalArgumentException when two upcasters claim the same step
   */
  public UpcasterChain(Collection<? extends EventUpcaster> upcasters) {
    for (EventUpcaster upcaster : upcasters) {
      Step step = new Step(upcaster.typeName(), upcaster.fromRevision());
      if (steps.putIfAbsent(step, upcaster) != null) {
        throw new IllegalArgumentException(
            "two upcasters for " + step.typeName() + " from revision " + step.fromRevision());
      }
    }
  }

  /** The upcasters of every released event revision; none yet, as every event is at revision 1. */
  public static List<EventUpcaster> standardUpcasters() {
    return List.of();
  }

  /** The chain the codec uses: {@link #standardUpcasters()}. */
  public static UpcasterChain standard() {
    return new UpcasterChain(standardUpcasters());
  }

  /**
   * Rewrites {@code json} from {@code fromRevision} to {@code toRevision}; the input is not
   * changed.
   *
   * @throws IllegalStateException when a step is missing, which is a deployment fault, not bad data
   */
  public ObjectNode upcast(String typeName, int fromRevision, int toRevision, ObjectNode json) {
    Objects.requireNonNull(typeName, "typeName");
    if (fromRevision > toRevision) {
      throw new IllegalArgumentException(
          "cannot upcast " + typeName + " backwards from " + fromRevision + " to " + toRevision);
    }
    ObjectNode current = json.deepCopy();
    for (int revision = fromRevision; revision < toRevision; revision++) {
      EventUpcaster step = steps.get(new Step(typeName, revision));
      if (step == null) {
        throw new IllegalStateException(
            "no upcaster for "
                + typeName
                + " from revision "
                + revision
                + " to "
                + (revision + 1)
                + ", needed to read revision "
                + fromRevision
                + " as "
                + toRevision);
      }
      current = Objects.requireNonNull(step.upcast(current), "upcaster returned null");
    }
    return current;
  }

  private record Step(String typeName, int fromRevision) {}
}
