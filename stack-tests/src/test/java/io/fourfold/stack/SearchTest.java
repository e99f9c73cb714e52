package io.fourfold.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/search/accounts} through the gateway: an account registered through the
 * gateway is found by an admin by a prefix of its name and by its name without accents, within a
 * bound, and the registration's consistency token makes the first search see it.
 */
class SearchTest {

  private static final Duration SEARCHABLE_WITHIN = Duration.ofSeconds(5);

  @Test
  void anAccountRegisteredThroughTheGatewayIsFoundByAnAdmin() {
    String word = randomWord();
    String email = "search-" + UUID.randomUUID() + "@example.com";
    HttpResponse<String> created =
        Gateway.sendJson(
            "POST",
            "/api/v1/accounts",
            "{\"email\":\""
                + email
                + "\",\"displayName\":\"Zoë "
                + word
                + "\",\"password\":\"stack test password\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = Accounts.json(created.body()).path("id").asText();
    String token = created.headers().firstValue("X-Consistency-Token").orElseThrow();
    Accounts.SignedIn admin = Accounts.admin();

    // With the registration's token the first search waits for the projection, then sees it.
    HttpResponse<String> consistent =
        Gateway.send(
            "GET",
            "/api/v1/search/accounts?q=" + query("zoe " + word.substring(0, 5)),
            "Authorization",
            admin.bearer(),
            "X-Consistent-With",
            token);
    assertThat(consistent.statusCode()).as(consistent.body()).isEqualTo(200);
    assertThat(consistent.headers().firstValue("X-Consistency")).contains("fresh");
    JsonNode hit = Accounts.json(consistent.body()).path("hits").path(0);
    assertThat(hit.path("id").asText()).isEqualTo(id);
    assertThat(hit.path("email").asText()).isEqualTo(email);
    assertThat(hit.path("displayName").asText()).isEqualTo("Zoë " + word);
    assertThat(hit.path("status").asText()).isEqualTo("active");

    // Without a token, polling: found well within the bound.
    long deadline = System.nanoTime() + SEARCHABLE_WITHIN.toNanos();
    boolean found;
    do {
      HttpResponse<String> answer =
          Gateway.send(
              "GET", "/api/v1/search/accounts?q=" + query(email), "Authorization", admin.bearer());
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      found = Accounts.json(answer.body()).path("hits").findValuesAsText("id").contains(id);
    } while (!found && System.nanoTime() < deadline);
    assertThat(found).as("found by e-mail within " + SEARCHABLE_WITHIN).isTrue();
  }

  @Test
  void anErasedAccountIsNoLongerFound() {
    String word = randomWord();
    String email = "erase-" + UUID.randomUUID() + "@example.com";
    String password = "stack test password";
    HttpResponse<String> created =
        Gateway.sendJson(
            "POST",
            "/api/v1/accounts",
            "{\"email\":\""
                + email
                + "\",\"displayName\":\"Erased "
                + word
                + "\",\"password\":\""
                + password
                + "\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    Accounts.SignedIn owner = Accounts.signIn(email, password);
    Accounts.SignedIn admin = Accounts.admin();
    String registered = created.headers().firstValue("X-Consistency-Token").orElseThrow();
    assertThat(hits(admin, word, registered)).contains(owner.id());

    HttpResponse<String> erased =
        Gateway.send("DELETE", "/api/v1/accounts/" + owner.id(), "Authorization", owner.bearer());
    assertThat(erased.statusCode()).as(erased.body()).isEqualTo(202);
    String erasure = erased.headers().firstValue("X-Consistency-Token").orElseThrow();

    assertThat(hits(admin, word, erasure)).doesNotContain(owner.id());
    assertThat(hits(admin, email, erasure)).doesNotContain(owner.id());
  }

  @Test
  void aUserIsRefusedWithAProblem() {
    Accounts.SignedIn user = Accounts.signUp();

    HttpResponse<String> answer =
        Gateway.send("GET", "/api/v1/search/accounts?q=stack", "Authorization", user.bearer());

    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(answer.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
  }

  @Test
  void aBadLimitIsAProblemNamingIt() {
    Accounts.SignedIn admin = Accounts.admin();

    HttpResponse<String> answer =
        Gateway.send("GET", "/api/v1/search/accounts?limit=1000", "Authorization", admin.bearer());

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(Accounts.json(answer.body()).path("errors").path(0).path("field").asText())
        .isEqualTo("limit");
  }

  /** The ids a search finds once the token's events are searchable (the answer must be fresh). */
  private static List<String> hits(Accounts.SignedIn admin, String text, String consistencyToken) {
    HttpResponse<String> answer =
        Gateway.send(
            "GET",
            "/api/v1/search/accounts?q=" + query(text),
            "Authorization",
            admin.bearer(),
            "X-Consistent-With",
            consistencyToken);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(answer.headers().firstValue("X-Consistency")).contains("fresh");
    return Accounts.json(answer.body()).path("hits").findValuesAsText("id");
  }

  private static String query(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** A word no other account has: letters only, so it is one token. */
  private static String randomWord() {
    Random random = new Random();
    StringBuilder word = new StringBuilder("Q");
    for (int i = 0; i < 9; i++) {
      word.append((char) ('a' + random.nextInt(26)));
    }
    return word.toString();
  }
}
