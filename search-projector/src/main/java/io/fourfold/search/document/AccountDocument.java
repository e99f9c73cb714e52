package io.fourfold.search.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One account's search document: what a search answers (profile, status, plan and billing and blob
 * counts) and, in {@code sources} (stored, never indexed), what it was folded from, so that every
 * event applies exactly once whatever the delivery order.
 *
 * @param accountId the account, also the document id and the pagination tie-breaker
 * @param state {@code live} once registered, {@code pending} while only billing or blob events
 *     arrived (never searchable), {@code erased} for an erased account: a tombstone with no
 *     personal data, no counts and nothing searchable, kept so that late or replayed events cannot
 *     revive it
 * @param email the account's e-mail address; absent unless live
 * @param displayName the account's display name; absent unless live
 * @param status {@code active} or {@code suspended}
 * @param plan the plan of the account's running subscription, or the default plan
 * @param invoiceCount invoices issued to the account
 * @param balanceMinor what the account owes: issued invoice totals minus payments received
 * @param blobCount blobs the account holds (uploaded and not deleted)
 * @param registeredAt when the account registered (ISO-8601); the order of a search without text
 * @param feeds every aggregate folded in (account, subscriptions, invoices, blobs), indexed so a
 *     consistency wait finds the document that holds an aggregate's sequence
 * @param sources what the fold needs to stay idempotent (not indexed)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccountDocument(
    String accountId,
    String state,
    String email,
    String displayName,
    String status,
    String plan,
    long invoiceCount,
    long balanceMinor,
    long blobCount,
    String registeredAt,
    List<String> feeds,
    Sources sources) {

  public static final String LIVE = "live";
  public static final String PENDING = "pending";
  public static final String ERASED = "erased";
  public static final String ACTIVE = "active";
  public static final String SUSPENDED = "suspended";

  public AccountDocument {
    feeds = feeds == null ? List.of() : List.copyOf(feeds);
    sources = sources == null ? Sources.EMPTY : sources;
  }

  /** A document for an account whose registration has not been applied yet. */
  static AccountDocument pending(String accountId, String defaultPlan) {
    return new AccountDocument(
        accountId,
        PENDING,
        null,
        null,
        ACTIVE,
        defaultPlan,
        0,
        0,
        0,
        null,
        List.of(),
        Sources.EMPTY);
  }

  public boolean erased() {
    return ERASED.equals(state);
  }

  /** The tombstone of this account: nothing but which sequences were applied. */
  AccountDocument erase() {
    Sources kept = new Sources(sources.applied(), Map.of(), List.of(), null);
    return new AccountDocument(
        accountId, ERASED, null, null, null, null, 0, 0, 0, null, feeds, kept);
  }

  AccountDocument register(String email, String displayName, String registeredAt) {
    return new AccountDocument(
        accountId,
        LIVE,
        email,
        displayName,
        ACTIVE,
        plan,
        invoiceCount,
        balanceMinor,
        blobCount,
        registeredAt,
        feeds,
        sources);
  }

  AccountDocument withProfile(String email, String displayName) {
    return new AccountDocument(
        accountId,
        state,
        email,
        displayName,
        status,
        plan,
        invoiceCount,
        balanceMinor,
        blobCount,
        registeredAt,
        feeds,
        sources);
  }

  AccountDocument withStatus(String status) {
    return new AccountDocument(
        accountId,
        state,
        email,
        displayName,
        status,
        plan,
        invoiceCount,
        balanceMinor,
        blobCount,
        registeredAt,
        feeds,
        sources);
  }

  AccountDocument withPlan(String plan, Sources.PlanSource source) {
    return withSources(
        new Sources(sources.applied(), sources.invoices(), sources.blobs(), source), plan);
  }

  /** This document with new sources, its counts (and the plan given) derived from them. */
  AccountDocument withSources(Sources next, String plan) {
    long balance = 0;
    for (Sources.Invoice invoice : next.invoices().values()) {
      balance += invoice.totalMinor() - invoice.paidMinor();
    }
    return new AccountDocument(
        accountId,
        state,
        email,
        displayName,
        status,
        plan,
        next.invoices().size(),
        balance,
        next.blobs().size(),
        registeredAt,
        new ArrayList<>(new TreeSet<>(next.applied().keySet())),
        next);
  }

  /** This document having applied {@code sequence} of {@code aggregateId}. */
  AccountDocument applied(String aggregateId, long sequence) {
    Map<String, Long> applied = new TreeMap<>(sources.applied());
    applied.put(aggregateId, sequence);
    return withSources(
        new Sources(applied, sources.invoices(), sources.blobs(), sources.plan()), plan);
  }
}
