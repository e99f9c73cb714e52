package io.fourfold.deploy.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * deploy-check's renderer implements only part of kustomize; where {@code kubectl} is installed,
 * this shows it renders every overlay exactly as {@code kubectl kustomize} does (skipped
 * elsewhere).
 */
class KubectlParityTest {

  @ParameterizedTest
  @ValueSource(strings = {"single-node", "production"})
  void rendersLikeKubectlKustomize(String overlay) throws Exception {
    Path kubectl = kubectl();
    assumeTrue(kubectl != null, "kubectl is not on the PATH");
    Path dir = Repo.OVERLAYS.resolve(overlay);
    Process process =
        new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString())
            .redirectErrorStream(false)
            .start();
    byte[] out = process.getInputStream().readAllBytes();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(err).isZero();

    Map<String, JsonNode> theirs = byId(readAll(new String(out, StandardCharsets.UTF_8)));
    Map<String, JsonNode> ours = byId(new KustomizeRenderer().render(dir));

    assertThat(ours.keySet()).isEqualTo(theirs.keySet());
    for (String id : theirs.keySet()) {
      assertThat(ours.get(id)).as(id).isEqualTo(theirs.get(id));
    }
  }

  private static Path kubectl() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "kubectl");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static List<ObjectNode> readAll(String yaml) throws Exception {
    Path file = Files.createTempFile("kustomize", ".yaml");
    try {
      Files.writeString(file, yaml);
      return KustomizeRenderer.readAll(file);
    } finally {
      Files.delete(file);
    }
  }

  private static Map<String, JsonNode> byId(List<ObjectNode> objects) {
    ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
    Map<String, JsonNode> byId = new TreeMap<>();
    for (ObjectNode object : objects) {
      // Compare values, not how YAML spelled them (kubectl re-emits every scalar as it reads it).
      byId.put(
          object.path("kind").asText()
              + "/"
              + object.path("metadata").path("namespace").asText()
              + "/"
              + object.path("metadata").path("name").asText(),
          mapper.valueToTree(object));
    }
    return byId;
  }
}
