package io.fourfold.schema.upcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpcasterChainTest {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  @Test
  void stepsAreAppliedInOrderUpToTheTargetRevision() {
    UpcasterChain chain = new UpcasterChain(List.of(step(2, "b"), step(1, "a"), step(3, "c")));

    ObjectNode result = chain.upcast("demo.thing", 1, 3, JSON.objectNode().put("trail", ""));

    assertThat(result.get("trail").asText()).isEqualTo("ab");
  }

  @Test
  void theSameRevisionIsReturnedUnchanged() {
    ObjectNode json = JSON.objectNode().put("x", 1);

    assertThat(UpcasterChain.standard().upcast("account.registered", 1, 1, json)).isEqualTo(json);
  }

  @Test
  void theCallersJsonIsNotModified() {
    ObjectNode input = JSON.objectNode().put("name", "Ada");

    new UpcasterChain(List.of(new AccountRegistered0To1Upcaster()))
        .upcast("account.registered", 0, 1, input);

    assertThat(input.has("name")).isTrue();
  }

  @Test
  void aMissingStepFailsNamingTheStep() {
    UpcasterChain chain = new UpcasterChain(List.of(step(1, "a"), step(3, "c")));

    assertThatThrownBy(() -> chain.upcast("demo.thing", 1, 4, JSON.objectNode().put("trail", "")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no upcaster for demo.thing from revision 2 to 3");
  }

  @Test
  void twoUpcastersForTheSameStepAreRejected() {
    assertThatThrownBy(() -> new UpcasterChain(List.of(step(1, "a"), step(1, "b"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("demo.thing");
  }

  @Test
  void theStandardChainIsEmptyWhileEveryEventIsAtRevisionOne() {
    assertThat(UpcasterChain.standardUpcasters()).isEmpty();
  }

  private static EventUpcaster step(int from, String mark) {
    return new EventUpcaster() {
      @Override
      public String typeName() {
        return "demo.thing";
      }

      @Override
      public int fromRevision() {
        return from;
      }

      @Override
      public ObjectNode upcast(ObjectNode json) {
        return json.put("trail", json.get("trail").asText() + mark);
      }
    };
  }
}
