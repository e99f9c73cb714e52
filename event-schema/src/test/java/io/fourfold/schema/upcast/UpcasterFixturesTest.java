package io.fourfold.schema.upcast;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fourfold.schema.codec.EventCodec;
import io.fourfold.schema.codec.EventTypes;
import io.fourfold.schema.codec.RegisteredEventType;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every directory {@code upcasters/<type>/<from>-to-<to>/} through the chain: {@code
 * input.json} must become {@code expected.json}, and when {@code to} is current, decode as an
 * event.
 */
class UpcasterFixturesTest {

  private static final Pattern STEP = Pattern.compile("(\\d+)-to-(\\d+)");

  private final ObjectMapper mapper = EventCodec.newObjectMapper();
  private final UpcasterChain chain = new UpcasterChain(upcasters());

  /** The standard upcasters plus the test-only examples. */
  static List<EventUpcaster> upcasters() {
    List<EventUpcaster> all = new ArrayList<>(UpcasterChain.standardUpcasters());
    all.add(new AccountRegistered0To1Upcaster());
    return all;
  }

  static Stream<Path> fixtures() throws IOException, URISyntaxException {
    Path root =
        Path.of(
            Objects.requireNonNull(UpcasterFixturesTest.class.getResource("/upcasters")).toURI());
    try (Stream<Path> walk = Files.walk(root, 2)) {
      return walk.filter(p -> root.relativize(p).getNameCount() == 2).sorted().toList().stream();
    }
  }

  @Test
  void thereIsAFixtureForEveryUpcaster() throws Exception {
    List<String> fixtureNames =
        fixtures().map(p -> p.getParent().getFileName() + "/" + p.getFileName()).toList();

    assertThat(upcasters())
        .map(u -> u.typeName() + "/" + u.fromRevision() + "-to-" + (u.fromRevision() + 1))
        .isSubsetOf(fixtureNames);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void theFixtureInputUpcastsToTheExpectedJson(Path dir) throws IOException {
    String type = dir.getParent().getFileName().toString();
    Matcher step = STEP.matcher(dir.getFileName().toString());
    assertThat(step.matches()).as("directory name like 0-to-1: " + dir).isTrue();
    int from = Integer.parseInt(step.group(1));
    int to = Integer.parseInt(step.group(2));
    ObjectNode input = (ObjectNode) mapper.readTree(dir.resolve("input.json").toFile());
    ObjectNode expected = (ObjectNode) mapper.readTree(dir.resolve("expected.json").toFile());

    assertThat(chain.upcast(type, from, to, input)).isEqualTo(expected);

    RegisteredEventType current = EventTypes.standard().byName(type);
    if (to == current.revision()) {
      EventCodec codec = new EventCodec(EventTypes.standard(), chain);
      byte[] inputBytes = Files.readAllBytes(dir.resolve("input.json"));
      assertThat(codec.decode(type, from, inputBytes))
          .isEqualTo(mapper.treeToValue(expected, current.eventClass()));
    }
  }
}
