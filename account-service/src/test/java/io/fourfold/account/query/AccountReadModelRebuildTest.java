package io.fourfold.account.query;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.fourfold.eventing.projection.generation.GenerationReport;
import io.fourfold.eventing.projection.generation.ProjectionGenerations;
import io.fourfold.eventing.projection.generation.RebuildProgress;
import io.fourfold.eventing.projection.generation.RebuildRequest;
import io.fourfold.eventing.projection.generation.Rebuilds;
import io.quarkus.agroal.DataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Rebuilding the account read model into a new generation against the real event store and read
 * model: under live writes nothing is lost and reads never fail through the switch; a crashed
 * rebuild resumes from its checkpoint; a rollback serves the old generation, caught up; a second
 * run refuses, naming the first.
 */
@QuarkusTest
class AccountReadModelRebuildTest {

  private static final String NAME = AccountReadModelProjector.NAME;
  private static final Duration DONE_WITHIN = Duration.ofSeconds(90);
  private static final String ADMIN = "00000000-0000-0000-0000-00000000a0a0";

  @Inject Rebuilds rebuilds;
  @Inject AccountReadModelGenerations generations;
  @Inject AgroalDataSource readModel;

  @Inject
  @DataSource("eventstore")
  AgroalDataSource eventStore;

  @AfterEach
  void pruneWhatTheTestLeft() throws Exception {
    rebuilds.prune(NAME);
  }

  @Test
  void aRebuildUnderLiveWritesLosesNoEventAndKeepsAnsweringReads() throws Exception {
    String watched = register("watched");
    String erased = register("erased");
    erase(erased);
    int before = generations.servingGeneration();

    Map<String, String> expected = new ConcurrentHashMap<>();
    List<String> readFailures = new CopyOnWriteArrayList<>();
    AtomicLong reads = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    Thread writer =
        new Thread(
            () -> {
              int i = 0;
              while (!stop.get()) {
                String id = register("live-" + i);
                String name = "renamed " + i++;
                rename(id, name);
                expected.put(id, name);
              }
            });
    Thread reader =
        new Thread(
            () -> {
              while (!stop.get()) {
                Response read = authorized().get("/api/v1/accounts/" + watched);
                reads.incrementAndGet();
                if (read.statusCode() != 200 || !watched.equals(read.path("id"))) {
                  readFailures.add(read.statusCode() + " " + read.asString());
                }
              }
            });
    writer.start();
    reader.start();
    try {
      Thread.sleep(300);
      rebuilds.rebuild(NAME, RebuildRequest.full());
      RebuildProgress done = rebuilds.await(NAME, DONE_WITHIN);
      assertThat(done.phase()).as(done.message()).isEqualTo("done");
      assertThat(done.generation()).isEqualTo(before + 1);
      // Writes go on after the switch: the live projector now writes the new generation.
      Thread.sleep(500);
    } finally {
      stop.set(true);
      writer.join();
      reader.join();
    }

    assertThat(readFailures).isEmpty();
    assertThat(reads.get()).isPositive();
    assertThat(generations.servingGeneration()).isEqualTo(before + 1);
    assertThat(expected).isNotEmpty();
    for (Map.Entry<String, String> account : expected.entrySet()) {
      awaitName(account.getKey(), account.getValue());
    }
    awaitEveryAccountAtItsLastSequence(before + 1);
    // Built after the bulk load, the serving generation's indexes are there when it serves.
    assertThat(indexes(before + 1))
        .anySatisfy(index -> assertThat(index).contains("(id)").contains("UNIQUE"))
        .anySatisfy(index -> assertThat(index).contains("lower((email)::text)"));
    assertThat(row(before + 1, erased)).isNull();
    assertThat(tombstone(before + 1, erased)).isNotNull();
    ProjectionGenerations report = report();
    assertThat(report.active()).isEqualTo(before + 1);
    assertThat(report.generations())
        .anySatisfy(
            g -> {
              assertThat(g.generation()).isEqualTo(before);
              assertThat(g.state()).isEqualTo("retired");
            });
  }

  @Test
  void aCrashedRebuildResumesFromItsCheckpoint() throws Exception {
    Map<String, String> expected = new HashMap<>();
    for (int i = 0; i < 25; i++) {
      String id = register("resumed-" + i);
      rename(id, "resumed " + i);
      expected.put(id, "resumed " + i);
    }
    int before = generations.servingGeneration();

    rebuilds.rebuild(NAME, new RebuildRequest(null, null, false, 2));
    RebuildProgress crashed = rebuilds.await(NAME, DONE_WITHIN);
    assertThat(crashed.phase()).isEqualTo("crashed");
    assertThat(generations.servingGeneration()).isEqualTo(before);
    GenerationReport building =
        report().generations().stream()
            .filter(g -> g.state().equals("building"))
            .findFirst()
            .orElseThrow();
    assertThat(building.generation()).isEqualTo(before + 1);
    assertThat(building.checkpoint()).isPositive();

    rebuilds.rebuild(NAME, RebuildRequest.full());
    RebuildProgress resumed = rebuilds.await(NAME, DONE_WITHIN);
    assertThat(resumed.phase()).as(resumed.message()).isEqualTo("done");
    assertThat(resumed.generation()).isEqualTo(before + 1);
    assertThat(resumed.startPosition()).isEqualTo(building.checkpoint());
    assertThat(generations.servingGeneration()).isEqualTo(before + 1);
    for (Map.Entry<String, String> account : expected.entrySet()) {
      awaitName(account.getKey(), account.getValue());
    }
    awaitEveryAccountAtItsLastSequence(before + 1);
  }

  @Test
  void aRollbackServesTheOldGenerationCaughtUp() throws Exception {
    String id = register("rolled-back");
    int before = generations.servingGeneration();
    rebuilds.rebuild(NAME, RebuildRequest.full());
    assertThat(rebuilds.await(NAME, DONE_WITHIN).phase()).isEqualTo("done");
    assertThat(generations.servingGeneration()).isEqualTo(before + 1);

    // Applied live to the new generation only; the rollback catches the old one up.
    rename(id, "after the switch");
    awaitName(id, "after the switch");

    rebuilds.rollback(NAME);
    RebuildProgress rolledBack = rebuilds.await(NAME, DONE_WITHIN);
    assertThat(rolledBack.phase()).as(rolledBack.message()).isEqualTo("done");
    assertThat(generations.servingGeneration()).isEqualTo(before);
    awaitName(id, "after the switch");
    ProjectionGenerations report = report();
    assertThat(report.active()).isEqualTo(before);
    assertThat(report.generations())
        .anySatisfy(
            g -> {
              assertThat(g.generation()).isEqualTo(before + 1);
              assertThat(g.state()).isEqualTo("retired");
            });

    assertThat(rebuilds.prune(NAME)).contains(before + 1);
    assertThat(tableExists("account_view_g" + (before + 1))).isFalse();
  }

  @Test
  void oneAggregateIsRebuiltInPlace() throws Exception {
    String id = register("repaired");
    rename(id, "the true name");
    awaitName(id, "the true name");
    int serving = generations.servingGeneration();
    try (Connection connection = readModel.getConnection();
        PreparedStatement damage =
            connection.prepareStatement(
                "UPDATE account_view_g" + serving + " SET display_name = 'damaged' WHERE id = ?")) {
      damage.setString(1, id);
      assertThat(damage.executeUpdate()).isOne();
    }

    given()
        .contentType(ContentType.JSON)
        .body(Map.of("aggregateId", id))
        .post("/internal/projections/" + NAME + "/rebuilds")
        .then()
        .statusCode(202);
    assertThat(rebuilds.await(NAME, DONE_WITHIN).phase()).isEqualTo("done");

    assertThat(row(serving, id)).isEqualTo("the true name");
    assertThat(generations.servingGeneration()).isEqualTo(serving);
  }

  @Test
  void aSecondRunRefusesNamingTheFirstAndADryRunChangesNothing() throws Exception {
    // The first run, as another process would hold it: the advisory lock and its holder row.
    try (Connection first = eventStore.getConnection()) {
      rebuilds.generations();
      try (PreparedStatement lock =
              first.prepareStatement("SELECT pg_advisory_lock(?, hashtext(?))");
          PreparedStatement holder =
              first.prepareStatement(
                  "INSERT INTO projection_rebuild_holder (projection, holder, since)"
                      + " VALUES (?, 'rebuild by the first run on host-a (pid 42)', now())"
                      + " ON CONFLICT (projection) DO UPDATE SET holder = excluded.holder")) {
        lock.setInt(1, 0x5EB1);
        lock.setString(2, NAME);
        lock.execute();
        holder.setString(1, NAME);
        holder.executeUpdate();
      }
      given()
          .contentType(ContentType.JSON)
          .body("{}")
          .post("/internal/projections/" + NAME + "/rebuilds")
          .then()
          .statusCode(409)
          .contentType("application/problem+json")
          .body("detail", org.hamcrest.Matchers.containsString("the first run on host-a (pid 42)"));
      try (PreparedStatement unlock =
              first.prepareStatement("SELECT pg_advisory_unlock(?, hashtext(?))");
          PreparedStatement forget =
              first.prepareStatement(
                  "DELETE FROM projection_rebuild_holder WHERE projection = ?")) {
        unlock.setInt(1, 0x5EB1);
        unlock.setString(2, NAME);
        unlock.execute();
        forget.setString(1, NAME);
        forget.executeUpdate();
      }
    }

    int serving = generations.servingGeneration();
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("dryRun", true))
        .post("/internal/projections/" + NAME + "/rebuilds")
        .then()
        .statusCode(200)
        .body("phase", org.hamcrest.Matchers.equalTo("planned"))
        .body("generation", org.hamcrest.Matchers.equalTo(serving + 1));
    assertThat(generations.servingGeneration()).isEqualTo(serving);
    assertThat(tableExists("account_view_g" + (serving + 1))).isFalse();
  }

  // ---------------------------------------------------------------- helpers

  private static io.restassured.specification.RequestSpecification authorized() {
    return given().header("X-Account-Id", ADMIN).header("X-Account-Role", "admin");
  }

  private static String register(String name) {
    return authorized()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "email",
                name + "-" + UUID.randomUUID() + "@example.com",
                "displayName",
                name,
                "password",
                "correct horse battery"))
        .post("/api/v1/accounts")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static void rename(String id, String displayName) {
    authorized()
        .contentType(ContentType.JSON)
        .body(Map.of("displayName", displayName))
        .patch("/api/v1/accounts/" + id)
        .then()
        .statusCode(200);
  }

  private static void erase(String id) {
    authorized().delete("/api/v1/accounts/" + id).then().statusCode(202);
  }

  private static void awaitName(String id, String displayName) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    String seen = null;
    while (System.nanoTime() < deadline) {
      Response read = authorized().get("/api/v1/accounts/" + id);
      seen = read.statusCode() == 200 ? read.path("displayName") : "status " + read.statusCode();
      if (displayName.equals(seen)) {
        return;
      }
      Thread.sleep(50);
    }
    assertThat(seen).as("the display name of " + id).isEqualTo(displayName);
  }

  /**
   * Every account in the event store is in the generation at its last sequence (or tombstoned): no
   * event lost. Waits for the live projector to apply what is still on its way.
   */
  private void awaitEveryAccountAtItsLastSequence(int generation) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    Map<String, Long> missing = Map.of();
    while (System.nanoTime() < deadline) {
      Map<String, Long> inStore = lastSequences();
      Map<String, Long> projected = versions(generation);
      missing = new HashMap<>();
      for (Map.Entry<String, Long> account : inStore.entrySet()) {
        if (!account.getValue().equals(projected.get(account.getKey()))) {
          missing.put(account.getKey(), account.getValue());
        }
      }
      if (missing.isEmpty()) {
        return;
      }
      Thread.sleep(100);
    }
    assertThat(missing)
        .as("accounts behind their last event in generation " + generation)
        .isEmpty();
  }

  private Map<String, Long> lastSequences() throws SQLException {
    Map<String, Long> sequences = new HashMap<>();
    try (Connection connection = eventStore.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT aggregateidentifier, max(sequencenumber) FROM domainevententry"
                    + " WHERE payloadtype LIKE 'account.%' GROUP BY aggregateidentifier");
        ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        sequences.put(rs.getString(1), rs.getLong(2));
      }
    }
    return sequences;
  }

  private Map<String, Long> versions(int generation) throws SQLException {
    Map<String, Long> versions = new HashMap<>();
    try (Connection connection = readModel.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT id, version FROM account_view_g"
                    + generation
                    + " UNION ALL SELECT id, version FROM account_view_tombstone_g"
                    + generation);
        ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        versions.put(rs.getString(1), rs.getLong(2));
      }
    }
    return versions;
  }

  private String row(int generation, String id) throws SQLException {
    try (Connection connection = readModel.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT display_name FROM account_view_g" + generation + " WHERE id = ?")) {
      statement.setString(1, id);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private Long tombstone(int generation, String id) throws SQLException {
    try (Connection connection = readModel.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT version FROM account_view_tombstone_g" + generation + " WHERE id = ?")) {
      statement.setString(1, id);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    }
  }

  private List<String> indexes(int generation) throws SQLException {
    try (Connection connection = readModel.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("SELECT indexdef FROM pg_indexes WHERE tablename = ?")) {
      statement.setString(1, "account_view_g" + generation);
      List<String> definitions = new java.util.ArrayList<>();
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          definitions.add(rs.getString(1));
        }
      }
      return definitions;
    }
  }

  private boolean tableExists(String table) throws SQLException {
    try (Connection connection = readModel.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      statement.setString(1, table);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  private ProjectionGenerations report() throws SQLException {
    return rebuilds.generations().stream()
        .filter(g -> g.name().equals(NAME))
        .findFirst()
        .orElseThrow();
  }
}
