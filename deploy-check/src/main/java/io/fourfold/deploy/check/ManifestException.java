package io.fourfold.deploy.check;

/** A manifest or kustomization that cannot be rendered or parsed; the message says where. */
public class ManifestException extends RuntimeException {

  public ManifestException(String message) {
    super(message);
  }

  public ManifestException(String message, Throwable cause) {
    super(message, cause);
  }
}
