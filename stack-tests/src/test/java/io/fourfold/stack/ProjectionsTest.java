package io.fourfold.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/projections} through the gateway: one call lists the projections of every
 * service, each with its store, position and lag; only admins see it.
 */
class ProjectionsTest {

  @Test
  void anAdminSeesTheProjectionsOfEveryServiceInOneList() {
    Accounts.SignedIn admin = Accounts.admin();

    HttpResponse<String> answer =
        Gateway.send("GET", "/api/v1/projections", "Authorization", admin.bearer());

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    Map<String, JsonNode> byName = new HashMap<>();
    Accounts.json(answer.body())
        .forEach(report -> byName.put(report.path("name").asText(), report));
    assertThat(byName).containsKeys("account-read-model", "billing-read-model", "session-state");
    assertThat(byName.get("account-read-model").path("store").asText()).isEqualTo("postgresql");
    assertThat(byName.get("session-state").path("store").asText()).isEqualTo("redis");
    assertThat(byName.get("billing-read-model").path("service").asText())
        .isEqualTo("billing-service");
    byName
        .values()
        .forEach(
            report -> {
              assertThat(report.path("state").asText()).isIn("live", "rebuilding", "failing");
              assertThat(report.path("lagEvents").isNumber()).isTrue();
              assertThat(report.path("lagSeconds").isNumber()).isTrue();
            });
  }

  @Test
  void aUserIsRefused() {
    Accounts.SignedIn user = Accounts.signUp();

    HttpResponse<String> answer =
        Gateway.send("GET", "/api/v1/projections", "Authorization", user.bearer());

    assertThat(answer.statusCode()).isEqualTo(403);
  }
}
