package io.fourfold.billing.plan;

import io.fourfold.billing.money.Money;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The plans on sale, read once from the configuration and checked at start: a price in an unknown
 * currency, a negative price, a rate limit below one or a missing default plan stops the service.
 */
@Startup
@ApplicationScoped
public class PlanCatalogue {

  private final Map<String, Plan> plans;
  private final Plan defaultPlan;

  public PlanCatalogue(BillingConfig config) {
    this.plans =
        config.plans().entrySet().stream()
            .map(
                entry ->
                    new Plan(
                        entry.getKey(),
                        entry.getValue().name(),
                        new Money(
                            entry.getValue().monthlyPriceMinor(), entry.getValue().currency()),
                        entry.getValue().rateLimitPerMinute()))
            .collect(Collectors.toUnmodifiableMap(Plan::id, Function.identity()));
    this.defaultPlan = plans.get(config.defaultPlan());
    if (defaultPlan == null) {
      throw new IllegalStateException(
          "fourfold.billing.default-plan names no plan: " + config.defaultPlan());
    }
  }

  /** Every plan, cheapest first. */
  public List<Plan> all() {
    return plans.values().stream()
        .sorted(
            Comparator.comparingLong((Plan p) -> p.monthlyPrice().amountMinor())
                .thenComparing(Plan::id))
        .toList();
  }

  /** The plan with this id, if it is on sale. */
  public Optional<Plan> find(String id) {
    return Optional.ofNullable(id).map(plans::get);
  }

  /** The plan of accounts without a subscription. */
  public Plan defaultPlan() {
    return defaultPlan;
  }
}
