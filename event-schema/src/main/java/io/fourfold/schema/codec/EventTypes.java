package io.fourfold.schema.codec;

import io.fourfold.schema.DomainEvent;
import io.fourfold.schema.account.AccountEmailChanged;
import io.fourfold.schema.account.AccountErased;
import io.fourfold.schema.account.AccountPasswordChanged;
import io.fourfold.schema.account.AccountProfileChanged;
import io.fourfold.schema.account.AccountReactivated;
import io.fourfold.schema.account.AccountRegistered;
import io.fourfold.schema.account.AccountSuspended;
import io.fourfold.schema.billing.InvoiceIssued;
import io.fourfold.schema.billing.InvoicePaid;
import io.fourfold.schema.billing.InvoicePaymentReceived;
import io.fourfold.schema.billing.SubscriptionCancelled;
import io.fourfold.schema.billing.SubscriptionChanged;
import io.fourfold.schema.billing.SubscriptionStarted;
import io.fourfold.schema.blob.BlobDeleted;
import io.fourfold.schema.blob.BlobUploaded;
import io.fourfold.schema.export.ExportCompleted;
import io.fourfold.schema.export.ExportFailed;
import io.fourfold.schema.export.ExportRequested;
import io.fourfold.schema.flag.FeatureFlagChanged;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The registry of event classes: name to class to current revision, and back. */
public final class EventTypes {

  private final Map<String, RegisteredEventType> byName = new LinkedHashMap<>();
  private final Map<Class<?>, RegisteredEventType> byClass = new LinkedHashMap<>();

  private EventTypes(Collection<Class<? extends DomainEvent>> eventClasses) {
    for (Class<? extends DomainEvent> eventClass : eventClasses) {
      RegisteredEventType type = RegisteredEventType.of(eventClass);
      RegisteredEventType clash = byName.putIfAbsent(type.name(), type);
      if (clash != null) {
        throw new IllegalArgumentException(
            "event type "
                + type.name()
                + " is claimed by "
                + clash.eventClass().getName()
                + " and "
                + eventClass.getName());
      }
      if (byClass.putIfAbsent(eventClass, type) != null) {
        throw new IllegalArgumentException(eventClass.getName() + " is listed twice");
      }
    }
  }

  /**
   * @throws IllegalArgumentException for a class without {@code @EventType}, or a name used twice
   */
  public static EventTypes of(Collection<Class<? extends DomainEvent>> eventClasses) {
    return new EventTypes(eventClasses);
  }

  /** Every event of the suite; a new event class is added here, or it cannot be stored. */
  public static EventTypes standard() {
    return of(
        List.of(
            // accounts
            AccountRegistered.class,
            AccountProfileChanged.class,
            AccountEmailChanged.class,
            AccountPasswordChanged.class,
            AccountSuspended.class,
            AccountReactivated.class,
            AccountErased.class,
            // billing
            SubscriptionStarted.class,
            SubscriptionChanged.class,
            SubscriptionCancelled.class,
            InvoiceIssued.class,
            InvoicePaymentReceived.class,
            InvoicePaid.class,
            // feature flags
            FeatureFlagChanged.class,
            // blobs and exports
            BlobUploaded.class,
            BlobDeleted.class,
            ExportRequested.class,
            ExportCompleted.class,
            ExportFailed.class));
  }

  /**
   * @throws UnknownEventTypeException when no class has this name
   */
  public RegisteredEventType byName(String name) {
    RegisteredEventType type = byName.get(name);
    if (type == null) {
      throw new UnknownEventTypeException("unknown event type: " + name);
    }
    return type;
  }

  /**
   * @throws UnknownEventTypeException when the class is not registered
   */
  public RegisteredEventType byClass(Class<?> eventClass) {
    RegisteredEventType type = byClass.get(eventClass);
    if (type == null) {
      throw new UnknownEventTypeException("event class not registered: " + eventClass.getName());
    }
    return type;
  }

  /** Every registered type, in registration order. */
  public List<RegisteredEventType> all() {
    return List.copyOf(byName.values());
  }
}
