package io.fourfold.billing.readmodel;

import java.time.Instant;

/**
 * An account's subscription as readers see it.
 *
 * @param status {@code active} or {@code cancelled}
 * @param startedAt when the current (or last) run of the subscription started
 * @param version the sequence of the subscription's last event applied
 */
public record SubscriptionView(
    String subscriptionId,
    String accountId,
    String planId,
    int rateLimitPerMinute,
    String status,
    Instant startedAt,
    long version) {}
