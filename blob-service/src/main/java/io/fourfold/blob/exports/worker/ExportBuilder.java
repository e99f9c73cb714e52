package io.fourfold.blob.exports.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fourfold.blob.blobs.application.ErasedAccounts;
import io.fourfold.blob.exports.application.ExportCommands;
import io.fourfold.blob.exports.application.ExportHistory;
import io.fourfold.blob.exports.application.ExportState;
import io.fourfold.blob.exports.projection.ExportDocument;
import io.fourfold.blob.exports.projection.ExportMaterial;
import io.fourfold.blob.storage.ObjectKeys;
import io.fourfold.blob.storage.ObjectStore;
import io.fourfold.eventing.Digests;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Builds one requested export: the account's material as JSON, written to S3 under a key that
 * follows from the export, then recorded as completed. Only a pending export is built, and the
 * export aggregate refuses a second outcome, so running this again (a retry, another instance, a
 * replayed request) never records twice; at worst it rewrites the same key.
 */
@ApplicationScoped
public class ExportBuilder {

  private static final Logger LOG = Logger.getLogger(ExportBuilder.class);

  private final ExportHistory history;
  private final ExportMaterial material;
  private final ErasedAccounts erasedAccounts;
  private final ObjectStore store;
  private final ExportCommands commands;
  private final ObjectMapper json;
  private final Clock clock = Clock.systemUTC();

  public ExportBuilder(
      ExportHistory history,
      ExportMaterial material,
      ErasedAccounts erasedAccounts,
      ObjectStore store,
      ExportCommands commands,
      ObjectMapper json) {
    this.history = history;
    this.material = material;
    this.erasedAccounts = erasedAccounts;
    this.store = store;
    this.commands = commands;
    this.json = json;
  }

  /**
   * Builds the export if it is still pending.
   *
   * @throws NotReadyException when the account is not known to the projection yet
   */
  public void build(String exportId, String accountId) {
    Optional<ExportState> state = history.find(exportId);
    if (state.isEmpty() || !state.get().isPending()) {
      return;
    }
    if (material.isErased(accountId) || erasedAccounts.isErased(accountId)) {
      commands.fail(exportId, "The account was erased.");
      return;
    }
    ExportDocument document = material.document(exportId, accountId, clock.instant());
    if (document.profile() == null) {
      throw new NotReadyException(accountId);
    }
    byte[] bytes = bytes(document);
    String key = ObjectKeys.export(accountId, exportId);
    store.put(key, bytes, bytes.length, "application/json");
    String sha256 = HexFormat.of().formatHex(Digests.sha256(bytes));
    if (commands.complete(exportId, key, bytes.length, sha256)) {
      LOG.infof("Export %s of account %s is ready (%d bytes)", exportId, accountId, bytes.length);
    }
  }

  /** Records that the export could not be built (after its last attempt). */
  public void fail(String exportId, String reason) {
    commands.fail(exportId, reason);
  }

  private byte[] bytes(ExportDocument document) {
    try {
      return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write export " + document.exportId(), e);
    }
  }

  /** The projection does not know the account yet; the export is tried again later. */
  public static final class NotReadyException extends RuntimeException {
    NotReadyException(String accountId) {
      super("account " + accountId + " is not known to the exports projection");
    }
  }
}
