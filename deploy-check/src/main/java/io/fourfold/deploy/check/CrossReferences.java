package io.fourfold.deploy.check;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Whether the objects of one rendered overlay refer to each other correctly: every Service selects
 * a Deployment's pods and targets a port they have, every HPA scales a Deployment that exists,
 * every PDB and NetworkPolicy selects pods, every Ingress backend is a Service port, and every
 * Secret and ConfigMap a pod or Ingress uses exists in the overlay or is documented as provided
 * (docs/kubernetes.md), with the key that is read.
 */
final class CrossReferences {

  /** Labels that name Fourfold's own workloads: a peer selecting by them must select one. */
  private static final Set<String> OWN_LABELS =
      Set.of("app.kubernetes.io/name", "app.kubernetes.io/component", "app.kubernetes.io/part-of");

  /** A pod template and where it comes from. */
  record Workload(String kind, String name, String namespace, PodTemplateSpec template) {
    Map<String, String> labels() {
      return template.getMetadata() == null || template.getMetadata().getLabels() == null
          ? Map.of()
          : template.getMetadata().getLabels();
    }

    String id() {
      return kind + "/" + name;
    }
  }

  private final List<HasMetadata> objects;
  private final ProvidedObjects provided;
  private final List<String> problems = new ArrayList<>();

  CrossReferences(List<HasMetadata> objects, ProvidedObjects provided) {
    this.objects = objects;
    this.provided = provided;
  }

  List<String> check() {
    List<Workload> workloads = workloads(objects);
    for (HasMetadata object : objects) {
      checkNamespace(object);
    }
    for (Workload workload : workloads) {
      checkPodReferences(workload);
    }
    for (Deployment deployment : of(Deployment.class)) {
      LabelSelector selector = deployment.getSpec().getSelector();
      if (selector == null || !matches(selector, workload(workloads, deployment).labels())) {
        problems.add(id(deployment) + ": its selector does not match its own pod template");
      }
    }
    for (Service service : of(Service.class)) {
      checkService(service, workloads);
    }
    for (HorizontalPodAutoscaler hpa : of(HorizontalPodAutoscaler.class)) {
      var target = hpa.getSpec().getScaleTargetRef();
      if (!"Deployment".equals(target.getKind())
          || find(Deployment.class, ns(hpa), target.getName()).isEmpty()) {
        problems.add(
            id(hpa) + ": scales " + target.getKind() + "/" + target.getName() + ", not found");
      }
      Integer min = hpa.getSpec().getMinReplicas();
      if (min != null && min > hpa.getSpec().getMaxReplicas()) {
        problems.add(id(hpa) + ": minReplicas exceeds maxReplicas");
      }
    }
    for (PodDisruptionBudget pdb : of(PodDisruptionBudget.class)) {
      if (selected(pdb.getSpec().getSelector(), ns(pdb), workloads).isEmpty()) {
        problems.add(id(pdb) + ": selects no pods");
      }
    }
    for (NetworkPolicy policy : of(NetworkPolicy.class)) {
      checkNetworkPolicy(policy, workloads);
    }
    for (Ingress ingress : of(Ingress.class)) {
      checkIngress(ingress);
    }
    return problems;
  }

  private void checkNamespace(HasMetadata object) {
    String namespace = object.getMetadata().getNamespace();
    if (object instanceof Namespace) {
      return;
    }
    if (namespace == null) {
      problems.add(id(object) + ": has no namespace");
    } else if (find(Namespace.class, null, namespace).isEmpty()) {
      problems.add(id(object) + ": namespace " + namespace + " is not declared");
    }
  }

  private void checkService(Service service, List<Workload> workloads) {
    Map<String, String> selector = service.getSpec().getSelector();
    if (selector == null || selector.isEmpty()) {
      problems.add(id(service) + ": has no selector");
      return;
    }
    List<Workload> selected =
        workloads.stream()
            .filter(w -> w.kind().equals("Deployment"))
            .filter(w -> w.namespace().equals(ns(service)))
            .filter(w -> w.labels().entrySet().containsAll(selector.entrySet()))
            .toList();
    if (selected.isEmpty()) {
      problems.add(id(service) + ": selector " + selector + " selects no Deployment");
      return;
    }
    for (ServicePort port : service.getSpec().getPorts()) {
      IntOrString target = port.getTargetPort() == null ? null : port.getTargetPort();
      for (Workload workload : selected) {
        if (target != null && !hasPort(workload, target)) {
          problems.add(
              id(service) + ": targetPort " + value(target) + " is not a port of " + workload.id());
        }
      }
    }
  }

  private void checkIngress(Ingress ingress) {
    for (IngressTLS tls : nullSafe(ingress.getSpec().getTls())) {
      requireSecret(id(ingress), ns(ingress), tls.getSecretName(), null, false);
    }
    for (IngressRule rule : nullSafe(ingress.getSpec().getRules())) {
      if (rule.getHttp() == null) {
        continue;
      }
      for (HTTPIngressPath path : rule.getHttp().getPaths()) {
        IngressBackend backend = path.getBackend();
        if (backend.getService() == null) {
          problems.add(id(ingress) + ": path " + path.getPath() + " has no Service backend");
          continue;
        }
        String name = backend.getService().getName();
        Optional<Service> service = find(Service.class, ns(ingress), name);
        if (service.isEmpty()) {
          problems.add(
              id(ingress) + ": path " + path.getPath() + " routes to missing Service " + name);
          continue;
        }
        var port = backend.getService().getPort();
        boolean found =
            service.get().getSpec().getPorts().stream()
                .anyMatch(
                    p ->
                        (port.getName() != null && port.getName().equals(p.getName()))
                            || (port.getNumber() != null && port.getNumber().equals(p.getPort())));
        if (!found) {
          problems.add(id(ingress) + ": Service " + name + " has no port " + port);
        }
      }
    }
  }

  private void checkNetworkPolicy(NetworkPolicy policy, List<Workload> workloads) {
    if (selected(policy.getSpec().getPodSelector(), ns(policy), workloads).isEmpty()) {
      problems.add(id(policy) + ": podSelector selects no Fourfold pods");
    }
    List<NetworkPolicyPeer> peers = new ArrayList<>();
    for (NetworkPolicyIngressRule rule : nullSafe(policy.getSpec().getIngress())) {
      peers.addAll(nullSafe(rule.getFrom()));
    }
    for (NetworkPolicyEgressRule rule : nullSafe(policy.getSpec().getEgress())) {
      peers.addAll(nullSafe(rule.getTo()));
    }
    for (NetworkPolicyPeer peer : peers) {
      LabelSelector selector = peer.getPodSelector();
      boolean ownPods =
          peer.getNamespaceSelector() == null
              && selector != null
              && selector.getMatchLabels() != null
              && OWN_LABELS.containsAll(selector.getMatchLabels().keySet());
      if (ownPods && selected(selector, ns(policy), workloads).isEmpty()) {
        problems.add(
            id(policy) + ": peer " + selector.getMatchLabels() + " selects no Fourfold pods");
      }
    }
  }

  private void checkPodReferences(Workload workload) {
    String where = workload.id();
    var spec = workload.template().getSpec();
    for (LocalObjectReference pullSecret : nullSafe(spec.getImagePullSecrets())) {
      requireSecret(where, workload.namespace(), pullSecret.getName(), null, false);
    }
    for (Volume volume : nullSafe(spec.getVolumes())) {
      if (volume.getConfigMap() != null) {
        requireConfigMap(
            where,
            workload.namespace(),
            volume.getConfigMap().getName(),
            null,
            Boolean.TRUE.equals(volume.getConfigMap().getOptional()));
      }
      if (volume.getSecret() != null) {
        requireSecret(
            where,
            workload.namespace(),
            volume.getSecret().getSecretName(),
            null,
            Boolean.TRUE.equals(volume.getSecret().getOptional()));
      }
    }
    List<Container> containers = new ArrayList<>(nullSafe(spec.getContainers()));
    containers.addAll(nullSafe(spec.getInitContainers()));
    for (Container container : containers) {
      for (EnvFromSource from : nullSafe(container.getEnvFrom())) {
        if (from.getConfigMapRef() != null) {
          requireConfigMap(
              where,
              workload.namespace(),
              from.getConfigMapRef().getName(),
              null,
              Boolean.TRUE.equals(from.getConfigMapRef().getOptional()));
        }
        if (from.getSecretRef() != null) {
          requireSecret(
              where,
              workload.namespace(),
              from.getSecretRef().getName(),
              null,
              Boolean.TRUE.equals(from.getSecretRef().getOptional()));
        }
      }
      for (EnvVar env : nullSafe(container.getEnv())) {
        if (env.getValueFrom() == null) {
          continue;
        }
        var configMapKey = env.getValueFrom().getConfigMapKeyRef();
        if (configMapKey != null) {
          requireConfigMap(
              where + " env " + env.getName(),
              workload.namespace(),
              configMapKey.getName(),
              configMapKey.getKey(),
              Boolean.TRUE.equals(configMapKey.getOptional()));
        }
        var secretKey = env.getValueFrom().getSecretKeyRef();
        if (secretKey != null) {
          requireSecret(
              where + " env " + env.getName(),
              workload.namespace(),
              secretKey.getName(),
              secretKey.getKey(),
              Boolean.TRUE.equals(secretKey.getOptional()));
        }
      }
    }
  }

  private void requireConfigMap(
      String where, String namespace, String name, String key, boolean optional) {
    Optional<ConfigMap> map = find(ConfigMap.class, namespace, name);
    if (map.isPresent()) {
      if (key != null && (map.get().getData() == null || !map.get().getData().containsKey(key))) {
        problems.add(where + ": ConfigMap " + name + " has no key " + key);
      }
    } else if (!provided.provides("ConfigMap", name, key)) {
      problems.add(
          where
              + ": ConfigMap "
              + name
              + (key == null ? "" : " (key " + key + ")")
              + " is neither in the manifests nor documented as provided"
              + (optional ? " (even an optional one must be documented)" : ""));
    }
  }

  private void requireSecret(
      String where, String namespace, String name, String key, boolean optional) {
    Optional<Secret> secret = find(Secret.class, namespace, name);
    if (secret.isPresent()) {
      problems.add(
          where
              + ": Secret "
              + name
              + " is committed in the manifests (reference it by"
              + " name and document who provides it instead)");
    } else if (!provided.provides("Secret", name, key)) {
      problems.add(
          where
              + ": Secret "
              + name
              + (key == null ? "" : " (key " + key + ")")
              + " is not documented as provided"
              + (optional ? " (even an optional one must be documented)" : ""));
    }
  }

  static List<Workload> workloads(List<HasMetadata> objects) {
    List<Workload> workloads = new ArrayList<>();
    for (HasMetadata object : objects) {
      if (object instanceof Deployment d) {
        workloads.add(new Workload("Deployment", name(d), ns(d), d.getSpec().getTemplate()));
      } else if (object instanceof Job j) {
        workloads.add(new Workload("Job", name(j), ns(j), j.getSpec().getTemplate()));
      } else if (object instanceof CronJob c) {
        workloads.add(
            new Workload(
                "CronJob", name(c), ns(c), c.getSpec().getJobTemplate().getSpec().getTemplate()));
      }
    }
    return workloads;
  }

  static List<Workload> selected(LabelSelector selector, String namespace, List<Workload> all) {
    return all.stream()
        .filter(w -> w.namespace().equals(namespace))
        .filter(w -> matches(selector, w.labels()))
        .toList();
  }

  static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return false;
    }
    if (selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty()) {
      throw new ManifestException("matchExpressions are not supported by deploy-check");
    }
    Map<String, String> wanted =
        selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
    return labels.entrySet().containsAll(wanted.entrySet());
  }

  private static Workload workload(List<Workload> workloads, Deployment deployment) {
    return workloads.stream()
        .filter(
            w ->
                w.kind().equals("Deployment")
                    && w.name().equals(name(deployment))
                    && w.namespace().equals(ns(deployment)))
        .findFirst()
        .orElseThrow();
  }

  private static boolean hasPort(Workload workload, IntOrString target) {
    for (Container container : nullSafe(workload.template().getSpec().getContainers())) {
      for (ContainerPort port : nullSafe(container.getPorts())) {
        if (target.getStrVal() != null
            ? target.getStrVal().equals(port.getName())
            : Objects.equals(target.getIntVal(), port.getContainerPort())) {
          return true;
        }
      }
    }
    return false;
  }

  private <T extends HasMetadata> List<T> of(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  private <T extends HasMetadata> Optional<T> find(Class<T> type, String namespace, String name) {
    return of(type).stream()
        .filter(o -> name.equals(name(o)))
        .filter(o -> namespace == null || namespace.equals(ns(o)))
        .findFirst();
  }

  static String id(HasMetadata object) {
    return object.getKind() + "/" + name(object);
  }

  static String name(HasMetadata object) {
    return object.getMetadata().getName();
  }

  static String ns(HasMetadata object) {
    return object.getMetadata().getNamespace();
  }

  private static String value(IntOrString value) {
    return value.getStrVal() != null ? value.getStrVal() : String.valueOf(value.getIntVal());
  }

  static <T> List<T> nullSafe(List<T> list) {
    return list == null ? List.of() : list;
  }
}
