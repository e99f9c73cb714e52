package io.fourfold.deploy.check;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a kustomization the way {@code kubectl kustomize} does, for exactly the features
 * Fourfold's overlays use: {@code resources} (files and directories), {@code namespace}, {@code
 * labels} (metadata only), {@code images} and {@code patches} that are strategic-merge files naming
 * their targets. Anything else in a kustomization is refused, so an overlay cannot quietly rely on
 * a feature this renderer would ignore. With {@code kubectl} on the PATH, KubectlParityTest checks
 * that both render the same objects.
 */
public final class KustomizeRenderer {

  private static final Set<String> FIELDS =
      Set.of("apiVersion", "kind", "namespace", "labels", "resources", "images", "patches");
  private static final Set<String> LABEL_FIELDS =
      Set.of("pairs", "includeSelectors", "includeTemplates");
  private static final Set<String> IMAGE_FIELDS = Set.of("name", "newName", "newTag", "digest");
  private static final Set<String> PATCH_FIELDS = Set.of("path");
  private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace");

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  /** The objects a kustomization directory renders to, in resource order. */
  public List<ObjectNode> render(Path dir) {
    Path file = dir.resolve("kustomization.yaml");
    if (!Files.isRegularFile(file)) {
      throw new ManifestException(dir + ": no kustomization.yaml");
    }
    List<ObjectNode> documents = readAll(file);
    if (documents.size() != 1) {
      throw new ManifestException(file + ": one document expected");
    }
    ObjectNode kustomization = documents.get(0);
    checkFields(kustomization, FIELDS, file.toString());
    expect(kustomization, "apiVersion", "kustomize.config.k8s.io/v1beta1", file);
    expect(kustomization, "kind", "Kustomization", file);

    List<ObjectNode> objects = new ArrayList<>();
    for (JsonNode resource : list(kustomization, "resources", file)) {
      Path path = dir.resolve(text(resource, file + ": resources")).normalize();
      if (Files.isDirectory(path)) {
        objects.addAll(render(path));
      } else if (Files.isRegularFile(path)) {
        for (ObjectNode object : readAll(path)) {
          if (!object.hasNonNull("kind") || !object.hasNonNull("apiVersion")) {
            throw new ManifestException(path + ": a resource without apiVersion and kind");
          }
          objects.add(object);
        }
      } else {
        throw new ManifestException(file + ": resource " + resource.asText() + " does not exist");
      }
    }
    checkUnique(objects, file);

    for (JsonNode patch : list(kustomization, "patches", file)) {
      checkFields(patch, PATCH_FIELDS, file + ": patches");
      Path path = dir.resolve(text(patch.get("path"), file + ": patches.path")).normalize();
      for (ObjectNode document : readAll(path)) {
        applyPatch(objects, document, path);
      }
    }
    if (kustomization.has("namespace")) {
      String namespace = text(kustomization.get("namespace"), file + ": namespace");
      for (ObjectNode object : objects) {
        if (!CLUSTER_SCOPED.contains(object.path("kind").asText())) {
          metadata(object).put("namespace", namespace);
        }
      }
    }
    for (JsonNode labels : list(kustomization, "labels", file)) {
      checkFields(labels, LABEL_FIELDS, file + ": labels");
      // Only what "metadata.labels of every object" means is implemented; selectors and pod
      // templates keep their labels as written.
      if (labels.path("includeSelectors").asBoolean(false)
          || labels.path("includeTemplates").asBoolean(false)) {
        throw new ManifestException(
            file + ": labels with includeSelectors or includeTemplates are not supported");
      }
      for (ObjectNode object : objects) {
        ObjectNode meta = metadata(object);
        ObjectNode target =
            meta.has("labels") ? (ObjectNode) meta.get("labels") : meta.putObject("labels");
        labels
            .path("pairs")
            .fields()
            .forEachRemaining(e -> target.put(e.getKey(), text(e.getValue(), file + ": labels")));
      }
    }
    for (JsonNode image : list(kustomization, "images", file)) {
      checkFields(image, IMAGE_FIELDS, file + ": images");
      for (ObjectNode object : objects) {
        setImages(object, image);
      }
    }
    return objects;
  }

  private static void applyPatch(List<ObjectNode> objects, ObjectNode patch, Path file) {
    String kind = patch.path("kind").asText(null);
    String name = patch.path("metadata").path("name").asText(null);
    if (kind == null || name == null) {
      throw new ManifestException(file + ": a patch must name its target's kind and metadata.name");
    }
    ObjectNode target = null;
    for (ObjectNode object : objects) {
      if (kind.equals(object.path("kind").asText())
          && name.equals(object.path("metadata").path("name").asText())
          && group(patch).equals(group(object))) {
        if (target != null) {
          throw new ManifestException(file + ": patch " + kind + "/" + name + " is ambiguous");
        }
        target = object;
      }
    }
    if (target == null) {
      throw new ManifestException(file + ": patch target " + kind + "/" + name + " not found");
    }
    StrategicMerge.apply(target, patch, kind + "/" + name);
  }

  private static String group(JsonNode object) {
    String apiVersion = object.path("apiVersion").asText("");
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  /** Every {@code containers[].image} and {@code initContainers[].image}, wherever it is. */
  private static void setImages(JsonNode node, JsonNode image) {
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if ((field.getKey().equals("containers") || field.getKey().equals("initContainers"))
            && field.getValue().isArray()) {
          for (JsonNode container : field.getValue()) {
            if (container.isObject() && container.hasNonNull("image")) {
              ((ObjectNode) container).put("image", retag(container.get("image").asText(), image));
            }
          }
        } else {
          setImages(field.getValue(), image);
        }
      }
    } else if (node.isArray()) {
      node.forEach(element -> setImages(element, image));
    }
  }

  private static String retag(String reference, JsonNode image) {
    int at = reference.indexOf('@');
    String withoutDigest = at < 0 ? reference : reference.substring(0, at);
    int colon = withoutDigest.lastIndexOf(':');
    String name =
        colon > withoutDigest.lastIndexOf('/') ? withoutDigest.substring(0, colon) : withoutDigest;
    if (!name.equals(image.path("name").asText())) {
      return reference;
    }
    String tag = colon > withoutDigest.lastIndexOf('/') ? withoutDigest.substring(colon + 1) : null;
    String digest = at < 0 ? null : reference.substring(at + 1);
    String newName = image.path("newName").asText(name);
    if (image.hasNonNull("digest")) {
      return newName + "@" + image.get("digest").asText();
    }
    if (image.hasNonNull("newTag")) {
      return newName + ":" + image.get("newTag").asText();
    }
    return newName + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
  }

  private static void checkUnique(List<ObjectNode> objects, Path file) {
    Set<String> seen = new java.util.HashSet<>();
    for (ObjectNode object : objects) {
      String id =
          group(object)
              + "/"
              + object.path("kind").asText()
              + "/"
              + object.path("metadata").path("namespace").asText("")
              + "/"
              + object.path("metadata").path("name").asText();
      if (!seen.add(id)) {
        throw new ManifestException(file + ": " + id + " is declared twice");
      }
    }
  }

  /** Every YAML document of a file, skipping empty ones (a leading or trailing ---). */
  static List<ObjectNode> readAll(Path file) {
    List<ObjectNode> documents = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
      while (it.hasNextValue()) {
        JsonNode document = it.nextValue();
        if (document == null || document.isNull() || document.isMissingNode()) {
          continue;
        }
        if (!document.isObject()) {
          throw new ManifestException(file + ": every document must be a mapping");
        }
        documents.add((ObjectNode) document);
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof ManifestException m) {
        throw m;
      }
      throw new ManifestException(file + ": " + e.getMessage(), e);
    }
    return documents;
  }

  private static ObjectNode metadata(ObjectNode object) {
    return object.has("metadata")
        ? (ObjectNode) object.get("metadata")
        : object.putObject("metadata");
  }

  private static void checkFields(JsonNode node, Set<String> allowed, String where) {
    if (!node.isObject()) {
      throw new ManifestException(where + ": a mapping expected");
    }
    node.fieldNames()
        .forEachRemaining(
            name -> {
              if (!allowed.contains(name)) {
                throw new ManifestException(
                    where
                        + ": field \""
                        + name
                        + "\" is not supported (supported: "
                        + allowed
                        + ")");
              }
            });
  }

  private static void expect(JsonNode node, String field, String value, Path file) {
    if (!value.equals(node.path(field).asText())) {
      throw new ManifestException(file + ": " + field + " must be " + value);
    }
  }

  private static ArrayNode list(JsonNode node, String field, Path file) {
    JsonNode value = node.get(field);
    if (value == null) {
      return YAML.createArrayNode();
    }
    if (!value.isArray()) {
      throw new ManifestException(file + ": " + field + " must be a list");
    }
    return (ArrayNode) value;
  }

  private static String text(JsonNode node, String where) {
    if (node == null || !node.isTextual()) {
      throw new ManifestException(where + ": a string expected");
    }
    return node.asText();
  }
}
