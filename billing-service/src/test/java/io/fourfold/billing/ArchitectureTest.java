package io.fourfold.billing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The billing domain stays free of frameworks and stores, and features meet only where meant. */
class ArchitectureTest {

  private static final JavaClasses BILLING =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.fourfold.billing");

  @Test
  void moneyAndProrationImportNoFrameworkNorStore() {
    noClasses()
        .that()
        .resideInAnyPackage("io.fourfold.billing.money..", "io.fourfold.billing.invoice.domain..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.quarkus..",
            "jakarta..",
            "io.vertx..",
            "io.smallrye..",
            "org.axonframework..",
            "io.fourfold.eventing..")
        .check(BILLING);
  }

  @Test
  void aggregatesImportNoWebNorReadModel() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.fourfold.billing.invoice.command..", "io.fourfold.billing.subscription.command..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.quarkus..",
            "jakarta.ws.rs..",
            "io.vertx..",
            "io.fourfold.billing.readmodel..",
            "io.fourfold.billing.rest..")
        .check(BILLING);
  }

  @Test
  void theReadModelKnowsNothingOfTheCommandSide() {
    noClasses()
        .that()
        .resideInAPackage("io.fourfold.billing.readmodel..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.fourfold.billing..command..",
            "io.fourfold.billing..application..",
            "io.fourfold.billing..rest..",
            "org.axonframework..")
        .check(BILLING);
  }
}
