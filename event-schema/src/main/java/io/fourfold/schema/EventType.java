package io.fourfold.schema;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The wire name and current revision of an event record, read by the codec and the relay.
 *
 * <p>A name is frozen once released: events in the store and on Kafka carry it forever, so a name
 * is never edited, reused or moved to another class. A change of shape that an older reader cannot
 * tolerate (a rename, a removal, a change of meaning) bumps {@link #revision()} and comes with an
 * upcaster from the previous revision; adding a field a reader may ignore does not.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {

  /** The frozen, dotted, lower-case name, e.g. {@code account.registered}. */
  String name();

  /** The revision this class writes; starts at 1. */
  int revision();
}
