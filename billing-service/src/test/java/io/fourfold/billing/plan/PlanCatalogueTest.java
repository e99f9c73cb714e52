package io.fourfold.billing.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fourfold.billing.money.Money;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanCatalogueTest {

  private record Settings(
      String name, long monthlyPriceMinor, String currency, int rateLimitPerMinute)
      implements BillingConfig.PlanSettings {}

  private record Config(Map<String, PlanSettings> plans, String defaultPlan)
      implements BillingConfig {}

  private static final Settings FREE = new Settings("Free", 0, "EUR", 600);
  private static final Settings PRO = new Settings("Pro", 2900, "EUR", 6000);

  @Test
  void plansAreListedCheapestFirstAndFoundById() {
    PlanCatalogue catalogue =
        new PlanCatalogue(new Config(Map.of("pro", PRO, "free", FREE), "free"));

    assertThat(catalogue.all()).extracting(Plan::id).containsExactly("free", "pro");
    assertThat(catalogue.find("pro"))
        .hasValue(new Plan("pro", "Pro", new Money(2900, "EUR"), 6000));
    assertThat(catalogue.find("platinum")).isEmpty();
    assertThat(catalogue.find(null)).isEmpty();
    assertThat(catalogue.defaultPlan().id()).isEqualTo("free");
  }

  @Test
  void aMisconfiguredCatalogueIsRefused() {
    assertThatThrownBy(() -> new PlanCatalogue(new Config(Map.of("pro", PRO), "free")))
        .hasMessageContaining("default-plan");
    assertThatThrownBy(
            () ->
                new PlanCatalogue(
                    new Config(Map.of("free", new Settings("Free", 0, "EURO", 600)), "free")))
        .hasMessageContaining("ISO 4217");
    assertThatThrownBy(
            () ->
                new PlanCatalogue(
                    new Config(Map.of("free", new Settings("Free", -1, "EUR", 600)), "free")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new PlanCatalogue(
                    new Config(Map.of("free", new Settings("Free", 0, "EUR", 0)), "free")))
        .hasMessageContaining("rateLimitPerMinute");
  }
}
