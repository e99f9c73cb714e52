package io.fourfold.deploy.check;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Renders one overlay and reports everything wrong with it; no cluster, no network. */
public final class ManifestCheck {

  /** The rendered, strictly parsed objects and every problem found (empty: all good). */
  public record Report(
      List<ObjectNode> rendered, List<HasMetadata> objects, List<String> problems) {}

  private ManifestCheck() {}

  public static Report check(Path kustomizationDir, ProvidedObjects provided) {
    List<ObjectNode> rendered = new KustomizeRenderer().render(kustomizationDir);
    StrictModel model = new StrictModel();
    List<HasMetadata> objects = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (ObjectNode object : rendered) {
      try {
        objects.add(model.parse(object));
      } catch (ManifestException e) {
        problems.add(e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      // References between half-parsed objects would only add noise.
      return new Report(rendered, objects, problems);
    }
    problems.addAll(new CrossReferences(objects, provided).check());
    problems.addAll(new DeploymentRules(objects).check());
    return new Report(rendered, objects, problems);
  }
}
