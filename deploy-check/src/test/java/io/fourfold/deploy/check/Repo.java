package io.fourfold.deploy.check;

import java.nio.file.Path;

/** Where the repository is (surefire passes it; the module folder's parent otherwise). */
final class Repo {

  static final Path ROOT =
      Path.of(System.getProperty("fourfold.repo", "..")).toAbsolutePath().normalize();
  static final Path K8S = ROOT.resolve("deploy/k8s");
  static final Path OVERLAYS = K8S.resolve("overlays");
  static final Path DOCS = ROOT.resolve("docs/kubernetes.md");

  private Repo() {}

  static ProvidedObjects provided() {
    return ProvidedObjects.fromMarkdown(DOCS);
  }
}
