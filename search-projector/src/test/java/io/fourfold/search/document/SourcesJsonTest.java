package io.fourfold.search.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a document stores of its sources: ids are values, never field names, and it reads back. */
class SourcesJsonTest {

  private static final String ACCOUNT = "5b0c1a52-8d5e-4b1f-9a3e-2f1d8c7b6a50";
  private static final String INVOICE = "9e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b";

  private final ObjectMapper json = new ObjectMapper();

  private final Sources sources =
      new Sources(
          Map.of(ACCOUNT, 4L, "sub-1", 2L),
          Map.of(INVOICE, new Sources.Invoice(1200, 500, "EUR")),
          List.of("blob-2", "blob-1"),
          new Sources.PlanSource("sub-1", 2, 77));

  @Test
  void idsAreStoredAsValuesAndReadBack() throws Exception {
    JsonNode stored = json.valueToTree(sources);

    assertThat(stored.get("applied").toString())
        .isEqualTo("[[\"" + ACCOUNT + "\",4],[\"sub-1\",2]]");
    assertThat(stored.get("invoices").get(0).get(0).asText()).isEqualTo(INVOICE);
    assertThat(stored.get("invoices").get(0).get(1).get("paidMinor").asLong()).isEqualTo(500);
    assertThat(json.treeToValue(stored, Sources.class)).isEqualTo(sources);
  }

  @Test
  void documentsStoredWithIdsAsFieldNamesStillRead() throws Exception {
    String before =
        "{\"applied\":{\""
            + ACCOUNT
            + "\":4,\"sub-1\":2},\"invoices\":{\""
            + INVOICE
            + "\":{\"totalMinor\":1200,\"paidMinor\":500,\"currency\":\"EUR\"}},"
            + "\"blobs\":[\"blob-1\",\"blob-2\"],"
            + "\"plan\":{\"subscriptionId\":\"sub-1\",\"sequence\":2,\"globalIndex\":77}}";

    assertThat(json.readValue(before, Sources.class)).isEqualTo(sources);
  }
}
