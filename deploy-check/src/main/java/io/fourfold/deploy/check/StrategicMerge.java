package io.fourfold.deploy.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The part of Kubernetes' strategic merge patch that Fourfold's overlays use: maps merge key by
 * key, a {@code null} removes a key, lists that Kubernetes merges by a key (containers by name, env
 * by name, ...) merge element by element, and every other list is replaced whole. Patch directives
 * ({@code $patch}, {@code $setElementOrder}, ...) are refused rather than half-understood.
 */
final class StrategicMerge {

  /** List fields Kubernetes merges by a key (its {@code patchMergeKey}), and that key. */
  private static final Map<String, String> MERGE_KEYS =
      Map.of(
          "containers", "name",
          "initContainers", "name",
          "env", "name",
          "volumes", "name",
          "volumeMounts", "mountPath",
          "imagePullSecrets", "name",
          "topologySpreadConstraints", "topologyKey",
          "tolerations", "key");

  private StrategicMerge() {}

  /** Applies {@code patch} to {@code target} in place. */
  static void apply(ObjectNode target, ObjectNode patch, String path) {
    Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey();
      JsonNode value = field.getValue();
      String at = path + "." + name;
      if (name.startsWith("$")) {
        throw new ManifestException(at + ": patch directive " + name + " is not supported");
      }
      JsonNode current = target.get(name);
      if (value.isNull()) {
        target.remove(name);
      } else if (value.isObject() && current != null && current.isObject()) {
        apply((ObjectNode) current, (ObjectNode) value, at);
      } else if (value.isArray() && current != null && current.isArray()) {
        String key = MERGE_KEYS.get(name);
        target.set(
            name,
            key == null
                ? value.deepCopy()
                : mergeList((ArrayNode) current, (ArrayNode) value, key, at));
      } else {
        target.set(name, value.deepCopy());
      }
    }
  }

  private static ArrayNode mergeList(ArrayNode current, ArrayNode patch, String key, String path) {
    ArrayNode merged = current.deepCopy();
    for (JsonNode element : patch) {
      if (!element.isObject() || !element.hasNonNull(key)) {
        throw new ManifestException(
            path + ": every element of a merged list needs its merge key \"" + key + "\"");
      }
      ObjectNode existing = null;
      for (JsonNode candidate : merged) {
        if (candidate.path(key).equals(element.get(key))) {
          existing = (ObjectNode) candidate;
        }
      }
      if (existing == null) {
        merged.add(element.deepCopy());
      } else {
        apply(existing, (ObjectNode) element, path + "[" + element.get(key).asText() + "]");
      }
    }
    return merged;
  }
}
