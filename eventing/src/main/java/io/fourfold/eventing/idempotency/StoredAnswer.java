package io.fourfold.eventing.idempotency;

/**
 * The answer of a request that must not run twice, as stored and replayed.
 *
 * @param status the HTTP status
 * @param location the Location header, or null
 * @param consistencyToken the X-Consistency-Token header, or null
 * @param body the JSON body
 */
public record StoredAnswer(int status, String location, String consistencyToken, String body) {}
