package io.fourfold.search.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.fourfold.eventing.projection.PoisonEventException;
import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.schema.personal.PersonalDataCipher;
import io.fourfold.search.config.SearchConfig;
import io.fourfold.search.document.AccountDocument;
import io.fourfold.search.document.AccountDocumentFold;
import io.fourfold.search.keys.AccountDataKeys;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Applies a batch of events to account documents in a given index with one {@code _mget} and one
 * {@code _bulk}: each document is read, folded over its events ({@link AccountDocumentFold}) and
 * written back only if it changed, guarded by the sequence number it was read at. A document
 * another writer changed meanwhile (another instance applying another aggregate's event of the same
 * account) is read and folded again; the fold is idempotent, so repeating it is safe. The bulk
 * waits for the refresh, so once a batch is applied its documents are searchable.
 *
 * <p>The live projection writes through the alias; a rebuild calls {@link #applyAll} with the new
 * generation's index.
 */
@ApplicationScoped
public class AccountDocumentWriter {

  private static final Logger LOG = Logger.getLogger(AccountDocumentWriter.class);

  private final SearchClient client;
  private final AccountDataKeys keys;
  private final AccountDocumentFold fold;
  private final int conflictRetries;

  public AccountDocumentWriter(SearchClient client, AccountDataKeys keys, SearchConfig config) {
    this.client = client;
    this.keys = keys;
    this.fold = new AccountDocumentFold(config.defaultPlan());
    this.conflictRetries = config.conflictRetries();
  }

  /**
   * Applies the events, in their order per account, to the documents of {@code index} (an index or
   * an alias with one write index); events search does not use are skipped.
   */
  public Uni<Void> applyAll(String index, List<ProjectedEvent> events) {
    Map<String, List<ProjectedEvent>> byAccount = new LinkedHashMap<>();
    Set<String> keyed = new HashSet<>();
    for (ProjectedEvent projected : events) {
      AccountDocumentFold.accountOf(projected.event())
          .ifPresent(
              account -> {
                byAccount.computeIfAbsent(account, id -> new ArrayList<>()).add(projected);
                if (AccountDocumentFold.needsKey(projected.event())) {
                  keyed.add(account);
                }
              });
    }
    if (byAccount.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return keys.of(keyed)
        .map(PersonalDataCipher::new)
        .flatMap(cipher -> attempt(index, byAccount, cipher, 1));
  }

  private Uni<Void> attempt(
      String index,
      Map<String, List<ProjectedEvent>> byAccount,
      PersonalDataCipher cipher,
      int attempt) {
    return read(index, byAccount.keySet())
        .flatMap(
            stored -> {
              List<Write> writes = new ArrayList<>();
              byAccount.forEach(
                  (account, events) -> {
                    Stored held = stored.get(account);
                    AccountDocument before = held == null ? null : held.document();
                    AccountDocument after = before;
                    for (ProjectedEvent projected : events) {
                      after = fold.apply(after, projected, cipher);
                    }
                    if (after != null && !after.equals(before)) {
                      writes.add(new Write(after, held));
                    }
                  });
              if (writes.isEmpty()) {
                return Uni.createFrom().voidItem();
              }
              return bulk(index, writes)
                  .flatMap(
                      conflicted -> {
                        if (conflicted.isEmpty()) {
                          return Uni.createFrom().voidItem();
                        }
                        if (attempt > conflictRetries) {
                          return Uni.createFrom()
                              .failure(
                                  new IllegalStateException(
                                      "account documents kept changing under this write: "
                                          + conflicted));
                        }
                        LOG.debugf(
                            "%d account document(s) changed under attempt %d; folding again",
                            conflicted.size(), attempt);
                        Map<String, List<ProjectedEvent>> again = new LinkedHashMap<>();
                        conflicted.forEach(account -> again.put(account, byAccount.get(account)));
                        return attempt(index, again, cipher, attempt + 1);
                      });
            });
  }

  /** The documents of the accounts that exist, with the sequence number each was read at. */
  private Uni<Map<String, Stored>> read(String index, Collection<String> accounts) {
    return client
        .send(client.request("POST", "/" + index + "/_mget", Map.of("ids", List.copyOf(accounts))))
        .map(
            answer -> {
              Map<String, Stored> stored = new HashMap<>();
              for (JsonNode doc : answer.path("docs")) {
                if (doc.has("error")) {
                  throw new SearchException(
                      "reading " + doc.path("_id").asText() + " failed", 0, doc);
                }
                if (doc.path("found").asBoolean(false)) {
                  stored.put(
                      doc.path("_id").asText(),
                      new Stored(
                          document(doc.path("_source")),
                          doc.path("_seq_no").asLong(),
                          doc.path("_primary_term").asLong()));
                }
              }
              return stored;
            });
  }

  /** Writes the documents in one bulk request; answers the accounts whose write lost a race. */
  private Uni<List<String>> bulk(String index, List<Write> writes) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Write write : writes) {
      body.writeBytes(client.write(write.action(index)));
      body.write('\n');
      body.writeBytes(client.write(write.document()));
      body.write('\n');
    }
    // Applied means searchable: consistency waits and the runtime's "applied" then tell the truth.
    return bulk(
        body.toByteArray(),
        writes.stream().map(write -> write.document().accountId()).toList(),
        true);
  }

  /**
   * Sends a bulk body whose items write {@code accounts} in order; answers the accounts whose write
   * lost a race (409), fails on a rejected (retryable) or unwritable (poison) item.
   */
  private Uni<List<String>> bulk(byte[] body, List<String> accounts, boolean waitForRefresh) {
    var request = client.ndjson("POST", "/_bulk", body);
    if (waitForRefresh) {
      request.addParameter("refresh", "wait_for");
    }
    return client
        .send(request)
        .map(
            answer -> {
              List<String> conflicted = new ArrayList<>();
              JsonNode items = answer.path("items");
              for (int i = 0; i < items.size(); i++) {
                JsonNode result = items.get(i).elements().next();
                int status = result.path("status").asInt();
                if (status == 409) {
                  conflicted.add(accounts.get(i));
                } else if (status == 429 || status >= 500 || blocked(result)) {
                  throw new SearchException("bulk write rejected", status, result);
                } else if (status >= 400) {
                  throw new PoisonEventException(
                      "account document "
                          + accounts.get(i)
                          + " cannot be written: "
                          + result.path("error"));
                }
              }
              return conflicted;
            });
  }

  // ---------------------------------------- for a rebuild's bulk load (AccountDocumentLoad)

  /** The fold every write applies, for a loader that folds in memory by the same rules. */
  AccountDocumentFold fold() {
    return fold;
  }

  /** A cipher over the keys of these accounts, read in one query (as {@link #applyAll} does). */
  Uni<PersonalDataCipher> cipher(Collection<String> accounts) {
    return keys.of(accounts).map(PersonalDataCipher::new);
  }

  /** The stored documents of those of the accounts that have one in {@code index}. */
  Uni<Map<String, AccountDocument>> documents(String index, Collection<String> accounts) {
    return read(index, accounts)
        .map(
            stored -> {
              Map<String, AccountDocument> documents = new HashMap<>(stored.size() * 2);
              stored.forEach((account, held) -> documents.put(account, held.document()));
              return documents;
            });
  }

  /**
   * Writes the documents in one bulk request, each replacing whatever {@code index} holds for its
   * account, unguarded and without waiting for a refresh: only for a generation nothing else writes
   * or reads yet. The request body is serialised before this returns, so that a caller can prepare
   * the next request while this one is in flight.
   */
  Uni<Void> overwrite(String index, List<AccountDocument> documents) {
    ByteArrayOutputStream body = new ByteArrayOutputStream(documents.size() * 1_024);
    List<String> accounts = new ArrayList<>(documents.size());
    for (AccountDocument document : documents) {
      body.writeBytes(
          client.write(Map.of("index", Map.of("_index", index, "_id", document.accountId()))));
      body.write('\n');
      body.writeBytes(client.write(document));
      body.write('\n');
      accounts.add(document.accountId());
    }
    return bulk(body.toByteArray(), accounts, false)
        .map(
            conflicted -> {
              if (!conflicted.isEmpty()) {
                // An unguarded index never conflicts; a 409 means something else guards the index.
                throw new IllegalStateException(
                    "overwriting account documents in " + index + " conflicted: " + conflicted);
              }
              return null;
            })
        .replaceWithVoid();
  }

  /** A write refused because the index is held for a generation switch: retried, never lost. */
  private static boolean blocked(JsonNode result) {
    return "cluster_block_exception".equals(result.path("error").path("type").asText());
  }

  private AccountDocument document(JsonNode source) {
    try {
      return client.json().treeToValue(source, AccountDocument.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an account document does not read back", e);
    }
  }

  /** A document as read, with the sequence number and primary term that guard its update. */
  private record Stored(AccountDocument document, long seqNo, long primaryTerm) {}

  /** One document to write: a create if none was read, else an update guarded by its read. */
  private record Write(AccountDocument document, Stored read) {
    Map<String, Object> action(String index) {
      if (read == null) {
        return Map.of("create", Map.of("_index", index, "_id", document.accountId()));
      }
      return Map.of(
          "index",
          Map.of(
              "_index",
              index,
              "_id",
              document.accountId(),
              "if_seq_no",
              read.seqNo(),
              "if_primary_term",
              read.primaryTerm()));
    }
  }
}
