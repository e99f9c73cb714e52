package io.fourfold.deploy.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Secrets and ConfigMaps the manifests reference but do not contain, because an operator (or
 * the person installing) provides them: read from the table between {@code <!--
 * provided-objects:start -->} and {@code <!-- provided-objects:end -->} in docs/kubernetes.md, so a
 * reference that is neither in the manifests nor documented there fails the check.
 *
 * <p>A row reads {@code | Secret | `name` | `key`, `key` | who provides it |}.
 */
public record ProvidedObjects(Map<String, Set<String>> keysByKindAndName) {

  private static final String START = "<!-- provided-objects:start -->";
  private static final String END = "<!-- provided-objects:end -->";
  private static final Pattern ROW =
      Pattern.compile(
          "^\\|\\s*(Secret|ConfigMap)\\s*\\|\\s*`([a-z0-9.-]+)`\\s*\\|([^|]*)\\|(.*)\\|\\s*$");
  private static final Pattern KEY = Pattern.compile("`([A-Za-z0-9._-]+)`");

  public static ProvidedObjects none() {
    return new ProvidedObjects(Map.of());
  }

  public static ProvidedObjects fromMarkdown(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ManifestException(file + ": cannot be read", e);
    }
    int start = text.indexOf(START);
    int end = text.indexOf(END);
    if (start < 0 || end < start) {
      throw new ManifestException(file + ": no " + START + " ... " + END + " table");
    }
    Map<String, Set<String>> provided = new HashMap<>();
    List<String> lines = text.substring(start + START.length(), end).lines().toList();
    for (String line : lines) {
      Matcher row = ROW.matcher(line.trim());
      if (!row.matches()) {
        continue;
      }
      if (row.group(4).isBlank()) {
        throw new ManifestException(file + ": " + row.group(2) + " does not say who provides it");
      }
      Set<String> keys = new LinkedHashSet<>();
      Matcher key = KEY.matcher(row.group(3));
      while (key.find()) {
        keys.add(key.group(1));
      }
      provided.put(row.group(1) + "/" + row.group(2), keys);
    }
    return new ProvidedObjects(Map.copyOf(provided));
  }

  /** Whether {@code kind/name} is documented as provided, with {@code key} (null: any). */
  public boolean provides(String kind, String name, String key) {
    Set<String> keys = keysByKindAndName.get(kind + "/" + name);
    return keys != null && (key == null || keys.contains(key));
  }
}
