package io.fourfold.deploy.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.Map;

/**
 * Parses rendered objects into fabric8's Kubernetes model as strictly as the API server reads them:
 * an unknown field fails (fabric8 would keep it in {@code additionalProperties}; that catch-all is
 * switched off), and so does a value of the wrong type (a string where a number or boolean belongs,
 * a number where a string belongs: no scalar coercion).
 */
public final class StrictModel {

  /** apiVersion/kind to model class: the kinds Fourfold's manifests use; others are refused. */
  private static final Map<String, Class<? extends HasMetadata>> KINDS =
      Map.ofEntries(
          Map.entry("v1/ConfigMap", ConfigMap.class),
          Map.entry("v1/Namespace", Namespace.class),
          Map.entry("v1/Secret", Secret.class),
          Map.entry("v1/Service", Service.class),
          Map.entry("apps/v1/Deployment", Deployment.class),
          Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
          Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
          Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
          Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
          Map.entry("batch/v1/Job", Job.class),
          Map.entry("batch/v1/CronJob", CronJob.class));

  private static final ObjectMapper MAPPER = strictMapper();

  /** The typed object, or a {@link ManifestException} naming the object and the offending field. */
  public HasMetadata parse(ObjectNode object) {
    String id =
        object.path("apiVersion").asText("?")
            + "/"
            + object.path("kind").asText("?")
            + " "
            + object.path("metadata").path("name").asText("?");
    Class<? extends HasMetadata> type =
        KINDS.get(object.path("apiVersion").asText() + "/" + object.path("kind").asText());
    if (type == null) {
      throw new ManifestException(id + ": not a kind deploy-check knows (" + KINDS.keySet() + ")");
    }
    if (!object.path("metadata").path("name").isTextual()) {
      throw new ManifestException(id + ": metadata.name is required");
    }
    try {
      return MAPPER.treeToValue(object, type);
    } catch (JsonProcessingException e) {
      throw new ManifestException(id + ": " + e.getOriginalMessage() + " at " + path(e), e);
    }
  }

  private static String path(JsonProcessingException e) {
    if (e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping) {
      StringBuilder path = new StringBuilder();
      for (var reference : mapping.getPath()) {
        path.append(
            reference.getFieldName() != null
                ? "." + reference.getFieldName()
                : "[" + reference.getIndex() + "]");
      }
      return path.length() == 0 ? "(top)" : path.substring(path.charAt(0) == '.' ? 1 : 0);
    }
    return "(unknown)";
  }

  private static ObjectMapper strictMapper() {
    JsonMapper mapper =
        JsonMapper.builder()
            .annotationIntrospector(new NoCatchAll())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();
    for (LogicalType number : new LogicalType[] {LogicalType.Integer, LogicalType.Float}) {
      mapper.coercionConfigFor(number).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
      mapper.coercionConfigFor(number).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }
    mapper
        .coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    return mapper;
  }

  /** fabric8's classes collect unknown fields through {@code @JsonAnySetter}: not here. */
  private static final class NoCatchAll extends JacksonAnnotationIntrospector {
    @Override
    public Boolean hasAnySetter(Annotated a) {
      return Boolean.FALSE;
    }

    @Override
    public com.fasterxml.jackson.annotation.JsonIgnoreProperties.Value findPropertyIgnoralByName(
        com.fasterxml.jackson.databind.cfg.MapperConfig<?> config, Annotated a) {
      com.fasterxml.jackson.annotation.JsonIgnoreProperties.Value value =
          super.findPropertyIgnoralByName(config, a);
      return value == null ? null : value.withoutIgnoreUnknown();
    }
  }
}
