package io.fourfold.search.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fourfold.search.config.SearchConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The account search index: one concrete index per generation ({@code <alias>-g<N>}, same settings
 * and mappings, from {@code search/accounts-index.json}) behind an alias that readers and the live
 * projection use, so a rebuild fills the next generation and swaps the alias in one {@code
 * _aliases} call.
 */
@ApplicationScoped
public class AccountIndex {

  private static final Logger LOG = Logger.getLogger(AccountIndex.class);
  private static final String DEFINITION = "search/accounts-index.json";

  private final SearchClient client;
  private final SearchConfig config;
  private final AtomicBoolean aliasReady = new AtomicBoolean();

  public AccountIndex(SearchClient client, SearchConfig config) {
    this.client = client;
    this.config = config;
  }

  void onStart(@Observes StartupEvent start) {
    ensureAlias()
        .subscribe()
        .with(
            ready -> LOG.infof("account search alias %s is ready", alias()),
            failure ->
                LOG.warnf(
                    "account search alias %s is not ready yet (the projection retries): %s",
                    alias(), failure.toString()));
  }

  /** The alias searches and the live projection use. */
  public String alias() {
    return config.accountsAlias();
  }

  /** The concrete index of generation {@code n}. */
  public String generationName(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("generations start at 1: " + n);
    }
    return alias() + "-g" + n;
  }

  /**
   * Creates the empty index of generation {@code n} with the account mappings and analysers, not
   * behind the alias; answers its name. Fails with {@link SearchException} if it exists.
   */
  public Uni<String> createGeneration(int n) {
    String name = generationName(n);
    return client.send(client.request("PUT", "/" + name, definition(null))).replaceWith(name);
  }

  /**
   * Makes sure the alias exists, creating generation 1 behind it on a fresh cluster, and that the
   * serving index refreshes as configured; completes at once after the first success.
   */
  public Uni<Void> ensureAlias() {
    if (aliasReady.get()) {
      return Uni.createFrom().voidItem();
    }
    return servingGeneration()
        .flatMap(generation -> generation > 0 ? applyRefreshInterval() : createFirstGeneration())
        .invoke(() -> aliasReady.set(true));
  }

  /** The generation the alias points at, or 0 when there is no alias yet. */
  public Uni<Integer> servingGeneration() {
    return client
        .send(client.request("GET", "/_alias/" + alias(), null))
        .map(this::generationOf)
        .onFailure(SearchException.class)
        .recoverWithUni(
            failure ->
                ((SearchException) failure).status() == 404
                    ? Uni.createFrom().item(0)
                    : Uni.createFrom().failure(failure));
  }

  /** Whether the index exists. */
  public Uni<Boolean> exists(String name) {
    return client
        .send(client.request("GET", "/" + name + "/_settings/index.number_of_shards", null))
        .replaceWith(true)
        .onFailure(failure -> failure instanceof SearchException e && e.status() == 404)
        .recoverWithItem(false);
  }

  /** Deletes the index; one that does not exist is already gone. */
  public Uni<Void> delete(String name) {
    return client
        .send(client.request("DELETE", "/" + name, null))
        .replaceWithVoid()
        .onFailure(failure -> failure instanceof SearchException e && e.status() == 404)
        .recoverWithNull()
        .replaceWithVoid();
  }

  /**
   * Refuses (or allows again) every write to the index, from any instance: {@code
   * index.blocks.write}, which writers meet as a {@code cluster_block_exception} and retry.
   */
  public Uni<Void> blockWrites(String name, boolean blocked) {
    Map<String, Object> settings = Map.of("index", Map.of("blocks.write", blocked));
    return client
        .send(client.request("PUT", "/" + name + "/_settings", settings))
        .replaceWithVoid();
  }

  /** Points the alias at generation {@code to} instead of {@code from}, atomically. */
  public Uni<Void> serve(int from, int to) {
    List<Object> actions = new java.util.ArrayList<>();
    if (from > 0 && from != to) {
      actions.add(Map.of("remove", Map.of("index", generationName(from), "alias", alias())));
    }
    actions.add(Map.of("add", Map.of("index", generationName(to), "alias", alias())));
    return client
        .send(client.request("POST", "/_aliases", Map.of("actions", actions)))
        .replaceWithVoid();
  }

  /**
   * Stops (true) or resumes, at the configured interval, the periodic refresh of a generation being
   * bulk loaded: nothing searches it yet, and each refresh makes a segment that merges then redo.
   */
  public Uni<Void> pauseRefreshes(String name, boolean paused) {
    Map<String, Object> settings =
        Map.of("index", Map.of("refresh_interval", paused ? "-1" : config.refreshInterval()));
    return client
        .send(client.request("PUT", "/" + name + "/_settings", settings))
        .replaceWithVoid();
  }

  /** Makes everything written to the index searchable now. */
  public Uni<Void> refresh(String name) {
    return client.send(client.request("POST", "/" + name + "/_refresh", null)).replaceWithVoid();
  }

  /**
   * Whether the index holds no document, written ones included: it is refreshed first, since a
   * count sees only refreshed documents (and a bulk load pauses refreshes).
   */
  public Uni<Boolean> isEmpty(String name) {
    return refresh(name)
        .flatMap(refreshed -> client.send(client.request("GET", "/" + name + "/_count", null)))
        .map(answer -> answer.path("count").asLong(-1) == 0);
  }

  /** A changed {@code refresh-interval} reaches the serving index too (a dynamic setting). */
  private Uni<Void> applyRefreshInterval() {
    Map<String, Object> settings =
        Map.of("index", Map.of("refresh_interval", config.refreshInterval()));
    return client
        .send(client.request("PUT", "/" + alias() + "/_settings", settings))
        .replaceWithVoid();
  }

  private Uni<Void> createFirstGeneration() {
    String first = generationName(1);
    return client
        .send(client.request("PUT", "/" + first, definition(alias())))
        .invoke(() -> LOG.infof("created %s behind alias %s", first, alias()))
        .replaceWithVoid()
        .onFailure(
            failure ->
                failure instanceof SearchException e
                    && e.errorType().equals("resource_already_exists_exception"))
        .recoverWithUni(
            // Another instance created it, or the alias was removed by hand: (re)attach it.
            () ->
                client
                    .send(
                        client.request(
                            "POST",
                            "/_aliases",
                            Map.of(
                                "actions",
                                List.of(Map.of("add", Map.of("index", first, "alias", alias()))))))
                    .replaceWithVoid());
  }

  private int generationOf(JsonNode aliases) {
    Pattern generation = Pattern.compile(Pattern.quote(alias()) + "-g(\\d+)");
    int serving = 0;
    for (Iterator<String> indices = aliases.fieldNames(); indices.hasNext(); ) {
      Matcher matcher = generation.matcher(indices.next());
      if (matcher.matches()) {
        serving = Math.max(serving, Integer.parseInt(matcher.group(1)));
      }
    }
    return serving;
  }

  /** The index's settings and mappings, with the alias to create it behind if one is given. */
  private JsonNode definition(String withAlias) {
    try (InputStream in =
        Thread.currentThread().getContextClassLoader().getResourceAsStream(DEFINITION)) {
      if (in == null) {
        throw new IllegalStateException(DEFINITION + " is missing from the classpath");
      }
      String text =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .replace("@REFRESH_INTERVAL@", config.refreshInterval());
      ObjectNode definition = (ObjectNode) client.json().readTree(text);
      if (withAlias != null) {
        definition.putObject("aliases").putObject(withAlias);
      }
      return definition;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
