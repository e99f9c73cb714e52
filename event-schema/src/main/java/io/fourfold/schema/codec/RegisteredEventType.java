package io.fourfold.schema.codec;

import io.fourfold.schema.DomainEvent;
import io.fourfold.schema.EventType;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry of {@link EventTypes}: an event class with its frozen name and current revision.
 *
 * @param name the {@link EventType#name()}
 * @param revision the revision the class writes
 * @param eventClass the record that holds the event
 */
public record RegisteredEventType(
    String name, int revision, Class<? extends DomainEvent> eventClass) {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+");

  public RegisteredEventType {
    Objects.requireNonNull(eventClass, "eventClass");
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          eventClass.getName()
              + ": name must be dotted lower case, e.g. account.registered: "
              + name);
    }
    if (revision < 1) {
      throw new IllegalArgumentException(
          eventClass.getName() + ": revision must be >= 1: " + revision);
    }
  }

  /** Reads the {@link EventType} annotation of {@code eventClass}. */
  public static RegisteredEventType of(Class<? extends DomainEvent> eventClass) {
    EventType type = eventClass.getAnnotation(EventType.class);
    if (type == null) {
      throw new IllegalArgumentException(eventClass.getName() + " has no @EventType");
    }
    return new RegisteredEventType(type.name(), type.revision(), eventClass);
  }
}
