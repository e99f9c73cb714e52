package io.fourfold.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The operator console at {@code /console/} through the gateway, in a real headless browser:
 * Debian's chromium driven by playwright-core ({@code src/test/browser/console.cjs}), both
 * installed by {@code ./fourfold up} and {@code ./fourfold test}.
 */
class ConsoleBrowserTest {

  private static final Duration BROWSER_DEADLINE = Duration.ofMinutes(3);
  private static final Path SCRIPT = Path.of("src/test/browser/console.cjs");
  private static final Path SCREENSHOT = Path.of("target/console.png");

  @Test
  void anAdminSeesEveryProjectionAndALiveLagChartAndAUserSeesAdminOnly() throws Exception {
    Accounts.SignedIn admin = Accounts.admin();
    Accounts.SignedIn user = Accounts.signUp();
    List<String> projections = new ArrayList<>();
    HttpResponse<String> listed =
        Gateway.send("GET", "/api/v1/projections", "Authorization", admin.bearer());
    assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
    Accounts.json(listed.body()).forEach(p -> projections.add(p.path("name").asText()));

    JsonNode seen =
        runBrowser(
            Map.of(
                "CONSOLE_URL", Gateway.BASE.resolve("/console/").toString(),
                "ADMIN_EMAIL", admin.email(),
                "ADMIN_PASSWORD", admin.password(),
                "USER_EMAIL", user.email(),
                "USER_PASSWORD", user.password(),
                "SCREENSHOT", SCREENSHOT.toAbsolutePath().toString()));

    List<String> rows = new ArrayList<>();
    seen.path("rows").forEach(row -> rows.add(row.path("name").asText()));
    assertThat(rows).containsAll(projections).contains("account-read-model");
    seen.path("rows")
        .forEach(
            row -> assertThat(row.path("state").asText()).isIn("live", "rebuilding", "failing"));
    // One line per projection, each with a point per poll; the console kept polling by itself and
    // showed the event-store head moving on as accounts were registered meanwhile.
    assertThat(seen.path("series").size()).isEqualTo(seen.path("rows").size());
    seen.path("series")
        .forEach(
            line -> {
              assertThat(line.path("points").asInt()).isGreaterThan(2);
              assertThat(line.path("drawn").asBoolean()).isTrue();
            });
    assertThat(seen.path("samplesLater").asInt())
        .isGreaterThanOrEqualTo(seen.path("samplesFirst").asInt() + 3);
    assertThat(seen.path("headLater").asLong()).isGreaterThan(seen.path("headFirst").asLong());
    assertThat(seen.path("status").asText()).startsWith("Live");
    assertThat(seen.path("userSees").asText()).contains("Admin only");
    assertThat(seen.path("userSeesDashboard").asBoolean()).isFalse();
    assertThat(seen.path("problems")).as("errors in the browser").isEmpty();
    byte[] png = Files.readAllBytes(SCREENSHOT);
    assertThat(png).hasSizeGreaterThan(10_000).startsWith(0x89, 'P', 'N', 'G');
  }

  @Test
  void theGatewayServesTheConsoleFilesWithTheirTypesWithoutASession() {
    HttpResponse<String> redirect = Gateway.send("GET", "/console");
    assertThat(redirect.statusCode()).isEqualTo(301);
    assertThat(redirect.headers().firstValue("Location"))
        .hasValueSatisfying(l -> l.endsWith("/console/"));

    HttpResponse<String> page = Gateway.send("GET", "/console/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> t.startsWith("text/html"));
    assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
    assertThat(page.body()).contains("Fourfold operator console");

    assertThat(contentType("/console/console.js")).startsWith("text/javascript");
    assertThat(contentType("/console/console.css")).startsWith("text/css");
    // The data behind it is not public.
    assertThat(Gateway.send("GET", "/api/v1/projections").statusCode()).isEqualTo(401);
  }

  private static String contentType(String path) {
    HttpResponse<String> answer = Gateway.send("GET", path);
    assertThat(answer.statusCode()).as(path).isEqualTo(200);
    return answer.headers().firstValue("Content-Type").orElse("");
  }

  /** Runs the browser script and answers the JSON it printed; fails with its output otherwise. */
  private static JsonNode runBrowser(Map<String, String> variables) throws Exception {
    Path chromium = chromium();
    Path playwright = playwrightCore();
    Files.createDirectories(SCREENSHOT.getParent());
    Path report = Path.of("target/console-browser.json");
    Path errors = Path.of("target/console-browser.log");
    ProcessBuilder builder =
        new ProcessBuilder("node", SCRIPT.toString())
            .redirectOutput(report.toFile())
            .redirectError(errors.toFile());
    builder.environment().putAll(variables);
    builder.environment().put("CHROMIUM", chromium.toString());
    builder.environment().put("PLAYWRIGHT_CORE", playwright.toString());
    Process process = builder.start();
    process.getOutputStream().close();
    boolean done = process.waitFor(BROWSER_DEADLINE.toSeconds(), TimeUnit.SECONDS);
    if (!done) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    String output = Files.readString(report, StandardCharsets.UTF_8);
    String log = Files.readString(errors, StandardCharsets.UTF_8);
    assertThat(done).as("the browser script finished: %s", log).isTrue();
    assertThat(process.exitValue()).as("the browser script: %s%s", log, output).isZero();
    return Accounts.json(output);
  }

  private static Path chromium() {
    Path chromium =
        Path.of(
            Optional.ofNullable(System.getenv("FOURFOLD_CHROMIUM"))
                .filter(p -> !p.isBlank())
                .orElse("/usr/bin/chromium"));
    assertThat(Files.isExecutable(chromium))
        .as("%s: ./fourfold up or ./fourfold test installs Debian's chromium", chromium)
        .isTrue();
    return chromium;
  }

  /**
   * The playwright-core package the launcher installed: {@code FOURFOLD_PLAYWRIGHT_CORE} (set by
   * {@code ./fourfold test}), else where the launcher keeps the version pinned in stack.env.
   */
  private static Path playwrightCore() throws IOException {
    Path core =
        Optional.ofNullable(System.getenv("FOURFOLD_PLAYWRIGHT_CORE"))
            .filter(p -> !p.isBlank())
            .map(Path::of)
            .orElseGet(ConsoleBrowserTest::cachedPlaywrightCore);
    assertThat(core.resolve("package.json"))
        .as("playwright-core: ./fourfold up or ./fourfold test installs it")
        .exists();
    return core.toAbsolutePath();
  }

  private static Path cachedPlaywrightCore() {
    String cache =
        Optional.ofNullable(System.getenv("FOURFOLD_CACHE"))
            .orElseGet(
                () ->
                    Optional.ofNullable(System.getenv("XDG_CACHE_HOME"))
                            .orElse(System.getProperty("user.home") + "/.cache")
                        + "/fourfold");
    return Path.of(cache, "playwright-core-" + pinnedVersion(), "node_modules", "playwright-core");
  }

  private static String pinnedVersion() {
    Path stackEnv =
        Launcher.script()
            .map(script -> script.getParent().resolve("deploy/local/stack.env"))
            .orElseThrow(
                () -> new AssertionError("no checkout around: set FOURFOLD_PLAYWRIGHT_CORE"));
    try {
      Matcher pinned =
          Pattern.compile("FOURFOLD_PLAYWRIGHT_VERSION:=([^}\\s]+)")
              .matcher(Files.readString(stackEnv));
      assertThat(pinned.find()).as("FOURFOLD_PLAYWRIGHT_VERSION in %s", stackEnv).isTrue();
      return pinned.group(1);
    } catch (IOException e) {
      throw new AssertionError("cannot read " + stackEnv, e);
    }
  }
}
