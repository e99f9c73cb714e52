package io.fourfold.search.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What an account document was folded from, stored with it but not indexed: the idempotency guard
 * and the sets its counts are derived from, so a repeated event is recognised and changes nothing.
 *
 * <p>Maps keyed by ids are stored as {@code [key, value]} pairs ({@link IdKeyedMaps}): OpenSearch
 * indexes documents whose field names are ids, a new name in every document, about three times
 * slower, even inside this object that it does not index (docs/search.md, "Document shape").
 *
 * @param applied the last sequence applied of each aggregate that fed the document
 * @param invoices the account's invoices by id
 * @param blobs the ids of the account's blobs that are not deleted, sorted
 * @param plan which subscription event set the plan, or null while none did
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Sources(
    @JsonSerialize(using = IdKeyedMaps.Writer.class)
        @JsonDeserialize(using = IdKeyedMaps.Reader.class)
        Map<String, Long> applied,
    @JsonSerialize(using = IdKeyedMaps.Writer.class)
        @JsonDeserialize(using = IdKeyedMaps.Reader.class)
        Map<String, Invoice> invoices,
    List<String> blobs,
    PlanSource plan) {

  public static final Sources EMPTY = new Sources(Map.of(), Map.of(), List.of(), null);

  public Sources {
    // Sorted copies: the same events give the same JSON, whatever order they arrived in.
    applied =
        applied == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(applied));
    invoices =
        invoices == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new TreeMap<>(invoices));
    blobs = blobs == null ? List.of() : List.copyOf(new TreeSet<>(blobs));
  }

  /** The last sequence of the aggregate applied, or -1. */
  public long appliedSequence(String aggregateId) {
    Long sequence = applied.get(aggregateId);
    return sequence == null ? -1 : sequence;
  }

  /**
   * One invoice of the account.
   *
   * @param totalMinor the invoice's total (0 until its issue is applied)
   * @param paidMinor the payments received towards it
   * @param currency the invoice's currency
   */
  public record Invoice(long totalMinor, long paidMinor, String currency) {}

  /**
   * The subscription event that set the account's plan: a subscription's own events apply in
   * sequence order, and between two subscriptions the later one in the event store wins.
   */
  public record PlanSource(String subscriptionId, long sequence, long globalIndex) {}
}
