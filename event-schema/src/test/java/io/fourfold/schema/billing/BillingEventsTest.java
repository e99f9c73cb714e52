package io.fourfold.schema.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fourfold.schema.DomainEvent;
import io.fourfold.schema.codec.EventCodec;
import io.fourfold.schema.codec.EventTypes;
import io.fourfold.schema.codec.RegisteredEventType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

public class BillingEventsTest {

  private static final String ACCOUNT = "0b9f7d4e-5c1a-4e0f-9a51-3f2d8c7b6a10";
  private static final String SUBSCRIPTION = "2d0f5a0e-8a8b-3c1e-9d3f-0e1f2a3b4c5d";
  private static final String INVOICE = "7e6d5c4b-3a29-3817-8f6e-5d4c3b2a1908";
  private static final Instant AT = Instant.parse("2026-02-01T09:00:00.123456Z");
  private static final LocalDate START = LocalDate.parse("2026-01-01");
  private static final LocalDate END = LocalDate.parse("2026-01-31");
  private static final List<InvoiceLine> LINES =
      List.of(
          new InvoiceLine("pro", START, LocalDate.parse("2026-01-15"), 15, 1403),
          new InvoiceLine("team", LocalDate.parse("2026-01-16"), END, 16, 5110));

  private final EventCodec codec = EventCodec.standard();

  /** One of each billing event, for this test and the codec's every-event checks. */
  public static List<DomainEvent> samples() {
    return List.of(
        new SubscriptionStarted(SUBSCRIPTION, ACCOUNT, "pro", 6000, AT),
        new SubscriptionChanged(SUBSCRIPTION, ACCOUNT, "pro", "team", 30000, AT),
        new SubscriptionCancelled(SUBSCRIPTION, ACCOUNT, "team", AT),
        new InvoiceIssued(INVOICE, ACCOUNT, START, END, "EUR", LINES, 6513, AT),
        new InvoicePaymentReceived(INVOICE, ACCOUNT, "p-1", 6513, "EUR", AT),
        new InvoicePaid(INVOICE, ACCOUNT, AT));
  }

  @Test
  void everyBillingEventSurvivesTheCodecUnchanged() {
    for (DomainEvent event : samples()) {
      RegisteredEventType type = codec.types().byClass(event.getClass());

      DomainEvent decoded = codec.decode(type.name(), type.revision(), codec.encode(event));

      assertThat(decoded).isEqualTo(event);
    }
  }

  @Test
  void theInvoiceEventNamesAreTheReleasedOnes() {
    assertThat(
            Stream.of(InvoiceIssued.class, InvoicePaymentReceived.class, InvoicePaid.class)
                .map(c -> EventTypes.standard().byClass(c).name()))
        .containsExactly(
            "billing.invoice-issued", "billing.invoice-payment-received", "billing.invoice-paid");
  }

  @Test
  void everyInvoiceAndSubscriptionEventIsRegistered() {
    List<Class<?>> registered =
        EventTypes.standard().all().stream()
            .<Class<?>>map(RegisteredEventType::eventClass)
            .toList();

    assertThat(registered)
        .containsAll(Arrays.asList(InvoiceEvent.class.getPermittedSubclasses()))
        .containsAll(Arrays.asList(SubscriptionEvent.class.getPermittedSubclasses()));
  }

  @Test
  void theAggregateIdIsTheInvoiceOrSubscriptionAndIsNotWritten() {
    for (DomainEvent event : samples()) {
      JsonNode json = EventCodec.newObjectMapper().valueToTree(event);

      assertThat(json.has("aggregateId")).isFalse();
      assertThat(event.aggregateId())
          .isEqualTo(event instanceof InvoiceEvent ? INVOICE : SUBSCRIPTION);
    }
  }

  @Test
  void datesAreIsoStringsAndMoneyIsWholeMinorUnits() {
    JsonNode json =
        EventCodec.newObjectMapper()
            .valueToTree(new InvoiceIssued(INVOICE, ACCOUNT, START, END, "EUR", LINES, 6513, AT));

    assertThat(json.get("periodStart").asText()).isEqualTo("2026-01-01");
    assertThat(json.get("totalMinor").isIntegralNumber()).isTrue();
    assertThat(json.get("lines").get(0).get("amountMinor").isIntegralNumber()).isTrue();
  }

  @Test
  void anIssuedInvoiceTotalsItsLines() {
    assertThatThrownBy(
            () -> new InvoiceIssued(INVOICE, ACCOUNT, START, END, "EUR", LINES, 6514, AT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("totalMinor");
  }

  @Test
  void amountsAreNeverNegativeAndPaymentsNeverZero() {
    assertThatThrownBy(() -> new InvoiceLine("pro", START, END, 31, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new InvoicePaymentReceived(INVOICE, ACCOUNT, "p", 0, "EUR", AT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PayInvoice(INVOICE, "p", -5, "EUR", AT))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aLineEndsOnOrAfterItsStart() {
    assertThatThrownBy(() -> new InvoiceLine("pro", END, START, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
