package io.fourfold.search.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import io.fourfold.eventing.http.Caller;
import io.fourfold.eventing.projection.ProjectedEvent;
import io.fourfold.schema.personal.PersonalDataCipher;
import io.fourfold.search.document.AccountEvents;
import io.fourfold.search.index.AccountIndex;
import io.fourfold.search.projection.AccountSearchProjector;
import io.fourfold.search.projection.SearchFixture;
import io.fourfold.search.projection.TestDataKeys;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GET /api/v1/search/accounts against real OpenSearch, fed through the projector's bulk path. Each
 * test puts its accounts on plans of its own and filters by them, so tests share the index safely.
 */
@QuarkusTest
class AccountSearchApiTest {

  private static final Instant EARLY = Instant.parse("2026-01-01T00:00:00Z");

  @Inject AccountSearchProjector projector;
  @Inject AccountIndex index;
  @Inject RestClient elasticsearch;

  @Inject
  @ReactiveDataSource("eventstore")
  Pool eventStore;

  private TestDataKeys keys;
  private PersonalDataCipher cipher;
  private SearchFixture fixture;
  private final String plan = "plan-" + UUID.randomUUID();

  @BeforeEach
  void setUp() {
    keys = new TestDataKeys(eventStore);
    cipher = new PersonalDataCipher(keys);
    fixture = new SearchFixture(projector, elasticsearch, index.alias());
  }

  @Test
  void aTypoAPrefixAndMissingAccentsStillFindTheAccount() {
    String john = register("John Smith", "john.smith", plan);
    String alice = register("Alice Walker", "alice.w", plan);
    String zoe = register("Zoë Dupont", "zd", plan);
    String muller = register("Anna Müller", "anna.m", plan);

    assertThat(find("Jonh")).containsExactly(john);
    assertThat(find("ali")).containsExactly(alice);
    assertThat(find("alice.w@")).containsExactly(alice);
    assertThat(find("Zoe")).containsExactly(zoe);
    assertThat(find("Muller")).containsExactly(muller);
    assertThat(find("müll")).containsExactly(muller);
    assertThat(find("nobody-like-this")).isEmpty();
    fixture
        .search(Map.of("q", "Zoe", "plan", plan))
        .body("hits[0].displayName", equalTo("Zoë Dupont"))
        .body("hits[0].email", startsWith("zd@"));
  }

  @Test
  void anExactNameRanksAboveAFuzzyOne() {
    String joan = register("Joan Carter", "jc", plan);
    String john = register("John Carter", "jo", plan);

    assertThat(find("John")).containsExactly(john, joan);
  }

  @Test
  void statusAndPlanFilterTheHits() {
    String otherPlan = "plan-" + UUID.randomUUID();
    String active = register("Filter Active", "fa", plan);
    AccountEvents suspended = accountEvents("Filter Suspended", "fs", plan, EARLY);
    suspended.suspended();
    fixture.apply(suspended.all());
    String elsewhere = register("Filter Elsewhere", "fe", otherPlan);

    assertThat(fixture.ids(Map.of("plan", plan)))
        .containsExactlyInAnyOrder(active, suspended.accountId());
    assertThat(fixture.ids(Map.of("plan", plan, "status", "suspended")))
        .containsExactly(suspended.accountId());
    assertThat(fixture.ids(Map.of("plan", plan, "status", "active"))).containsExactly(active);
    assertThat(fixture.ids(Map.of("plan", otherPlan, "q", "filter"))).containsExactly(elsewhere);
  }

  @Test
  void pagesNeitherSkipNorRepeatEvenWhileAccountsAreAdded() {
    Set<String> registered = new HashSet<>();
    List<ProjectedEvent> batch = new ArrayList<>();
    for (int i = 0; i < 53; i++) {
      // Groups of five share a registration instant, so the account id breaks ties.
      Instant at = EARLY.plusSeconds(i / 5);
      AccountEvents events = accountEvents("Page Tester " + i, "pager" + i, plan, at);
      batch.addAll(events.all());
      registered.add(events.accountId());
    }
    fixture.apply(batch);

    assertThat(pageThrough(Map.of("plan", plan), 10, 6, null))
        .containsExactlyInAnyOrderElementsOf(registered);
    assertThat(pageThrough(Map.of("plan", plan, "q", "tester"), 10, 6, null))
        .containsExactlyInAnyOrderElementsOf(registered);

    // Accounts registered while paging (newest, so before the cursor) and index statistics that
    // shift with every write change neither a listing's nor a text search's remaining pages.
    for (Map<String, String> search :
        List.of(Map.of("plan", plan), Map.of("plan", plan, "q", "tester"))) {
      List<String> seen =
          pageThrough(
              search,
              10,
              6,
              () -> {
                List<ProjectedEvent> more = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                  more.addAll(
                      accountEvents("Late Tester " + i, "late" + i, plan, Instant.now()).all());
                }
                fixture.apply(more);
              });
      assertThat(seen).containsExactlyInAnyOrderElementsOf(registered);
      registered.addAll(fixture.ids(Map.of("plan", plan, "q", "late", "limit", "100")));
    }
  }

  @Test
  void countsAddUpInvoicesPaymentsAndBlobs() {
    AccountEvents events = accountEvents("Count Tester", "counts", plan, EARLY);
    String account = events.accountId();
    events.invoiced("inv-a-" + account, 2900);
    events.paid("inv-a-" + account, 2900);
    events.settled("inv-a-" + account);
    events.invoiced("inv-b-" + account, 9900);
    events.paid("inv-b-" + account, 400);
    events.uploaded("blob-a-" + account);
    events.uploaded("blob-b-" + account);
    events.uploaded("blob-c-" + account);
    events.deleted("blob-b-" + account);
    fixture.apply(events.all());

    fixture
        .search(Map.of("plan", plan))
        .body("hits.size()", equalTo(1))
        .body("hits[0].id", equalTo(account))
        .body("hits[0].status", equalTo("active"))
        .body("hits[0].plan", equalTo(plan))
        .body("hits[0].invoiceCount", equalTo(2))
        .body("hits[0].balanceMinor", equalTo(9500))
        .body("hits[0].blobCount", equalTo(2))
        .body("next", equalTo(null));
  }

  @Test
  void everyEventDeliveredAgainLeavesTheDocumentsIdenticalAndUnwritten() {
    AccountEvents events = accountEvents("Twice Tester", "twice", plan, EARLY);
    String account = events.accountId();
    events.invoiced("inv-" + account, 1200);
    events.paid("inv-" + account, 200);
    events.uploaded("blob-" + account);
    events.renamed("Twice Renamed");
    fixture.apply(events.all());
    JsonNode once = fixture.raw(account);

    List<ProjectedEvent> again = new ArrayList<>(events.all());
    fixture.apply(again);
    Collections.reverse(again);
    fixture.apply(again);
    for (ProjectedEvent event : events.all()) {
      fixture.apply(List.of(event, event));
    }

    JsonNode after = fixture.raw(account);
    assertThat(after.path("_source")).isEqualTo(once.path("_source"));
    // Not even rewritten with the same content: a repeat is recognised before any write.
    assertThat(after.path("_seq_no")).isEqualTo(once.path("_seq_no"));
    assertThat(fixture.ids(Map.of("plan", plan, "q", "renamed"))).containsExactly(account);
  }

  @Test
  void writersRacingOnOneAccountLoseNoEvent() {
    AccountEvents events = accountEvents("Race Tester", "race", plan, EARLY);
    fixture.apply(events.all());
    String account = events.accountId();
    // Each blob is its own aggregate, on its own partition: several instances may apply them to
    // the same document at once. Losers of a race re-read and fold again (409 on if_seq_no).
    List<java.util.concurrent.CompletableFuture<Void>> writers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      ProjectedEvent upload = events.uploaded("race-blob-" + i + "-" + account);
      writers.add(
          projector
              .applyAll(List.of(upload))
              .onFailure()
              .retry()
              .atMost(5)
              .subscribeAsCompletionStage());
    }
    writers.forEach(java.util.concurrent.CompletableFuture::join);

    fixture.search(Map.of("plan", plan)).body("hits[0].blobCount", equalTo(8));
    assertThat(fixture.raw(account).path("_source").path("feeds")).hasSize(10);
  }

  @Test
  void anErasedAccountIsGoneFromSearchAndAReplayDoesNotBringItBack() {
    AccountEvents events = accountEvents("Erase Tester", "erase.me", plan, EARLY);
    String account = events.accountId();
    events.uploaded("blob-" + account);
    fixture.apply(events.all());
    assertThat(fixture.ids(Map.of("plan", plan, "q", "erase"))).containsExactly(account);

    // As account-service erases: the key is destroyed, then account.erased is recorded.
    keys.destroy(account);
    events.erased();
    fixture.apply(events.all().subList(events.all().size() - 1, events.all().size()));

    assertThat(fixture.ids(Map.of("plan", plan))).isEmpty();
    assertThat(fixture.ids(Map.of("q", "erase.me"))).doesNotContain(account);
    assertNoPersonalData(account);

    // Every event again (a replay, or late redeliveries), and later events of the account.
    events.uploaded("late-blob-" + account);
    fixture.apply(events.all());
    assertThat(fixture.ids(Map.of("q", "Erase Tester"))).doesNotContain(account);
    assertNoPersonalData(account);
    assertThat(fixture.raw(account).path("_source").path("blobCount").asLong()).isZero();
  }

  @Test
  void badLimitsCursorsAndFiltersAreProblemsNamingTheParameter() {
    assertBadParameter(Map.of("limit", "0"), "limit");
    assertBadParameter(Map.of("limit", "101"), "limit");
    assertBadParameter(Map.of("limit", "ten"), "limit");
    assertBadParameter(Map.of("cursor", "not-a-cursor"), "cursor");
    assertBadParameter(Map.of("cursor", "e30"), "cursor");
    assertBadParameter(Map.of("status", "deleted"), "status");
    assertBadParameter(Map.of("q", "x".repeat(201)), "q");

    // A cursor of a text search does not page a listing.
    register("Cursor Tester A", "ca", plan);
    register("Cursor Tester B", "cb", plan);
    String next =
        fixture
            .search(Map.of("plan", plan, "q", "cursor", "limit", "1"))
            .extract()
            .jsonPath()
            .getString("next");
    assertThat(next).isNotNull();
    assertBadParameter(Map.of("plan", plan, "cursor", next), "cursor");
  }

  @Test
  void onlyAdminsMaySearch() {
    given()
        .header(Caller.ACCOUNT_ID, "someone")
        .header(Caller.ROLE, "user")
        .get("/api/v1/search/accounts")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("status", equalTo(403));
    given()
        .get("/api/v1/search/accounts")
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
  }

  private List<String> pageThrough(
      Map<String, String> parameters, int limit, int expectedPages, Runnable afterFirstPage) {
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Map<String, String> page = new HashMap<>(parameters);
      page.put("limit", String.valueOf(limit));
      if (cursor != null) {
        page.put("cursor", cursor);
      }
      JsonPath answer = fixture.search(page).extract().jsonPath();
      seen.addAll(answer.getList("hits.id", String.class));
      cursor = answer.getString("next");
      pages++;
      if (pages == 1 && afterFirstPage != null) {
        afterFirstPage.run();
      }
    } while (cursor != null && pages < 20);
    assertThat(pages).isEqualTo(expectedPages);
    assertThat(seen).doesNotHaveDuplicates();
    return seen;
  }

  private void assertBadParameter(Map<String, String> parameters, String field) {
    given()
        .header(Caller.ACCOUNT_ID, "admin-of-the-tests")
        .header(Caller.ROLE, "admin")
        .queryParams(parameters)
        .get("/api/v1/search/accounts")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("status", equalTo(400))
        .body("errors.field", hasItem(field));
  }

  private void assertNoPersonalData(String account) {
    JsonNode raw = fixture.raw(account);
    assertThat(raw).isNotNull();
    String source = raw.path("_source").toString();
    assertThat(raw.path("_source").path("state").asText()).isEqualTo("erased");
    assertThat(source).doesNotContain("erase.me").doesNotContain("Erase Tester");
    assertThat(source).doesNotContain(PersonalDataCipher.REDACTED);
  }

  private List<String> find(String text) {
    return fixture.ids(Map.of("q", text, "plan", plan));
  }

  /** Registers an account on {@code plan}; answers its id. */
  private String register(String name, String localPart, String onPlan) {
    AccountEvents events = accountEvents(name, localPart, onPlan, EARLY);
    fixture.apply(events.all());
    return events.accountId();
  }

  private AccountEvents accountEvents(String name, String localPart, String onPlan, Instant at) {
    AccountEvents events = new AccountEvents(cipher);
    events.registered(localPart + "@" + events.accountId().substring(0, 8) + ".example", name, at);
    events.subscribed("sub-" + events.accountId(), onPlan);
    return events;
  }
}
