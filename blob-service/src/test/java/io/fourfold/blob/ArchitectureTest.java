package io.fourfold.blob;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The aggregates stay free of web, stores and S3; the fold has no effect outside its database. */
class ArchitectureTest {

  private static final JavaClasses BLOB =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.fourfold.blob");

  @Test
  void aggregatesImportNoWebStoreNorS3() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.fourfold.blob.blobs.command..", "io.fourfold.blob.exports.command..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.quarkus..",
            "jakarta.ws.rs..",
            "io.vertx..",
            "software.amazon..",
            "io.fourfold.blob.storage..",
            "io.fourfold.blob..rest..",
            "io.fourfold.blob..projection..")
        .check(BLOB);
  }

  @Test
  void theExportsProjectionSendsNoCommandAndTouchesNoObject() {
    noClasses()
        .that()
        .resideInAPackage("io.fourfold.blob.exports.projection..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.fourfold.blob..command..",
            "io.fourfold.blob..application..",
            "io.fourfold.blob.storage..",
            "io.fourfold.blob..worker..",
            "software.amazon..",
            "org.axonframework..")
        .check(BLOB);
  }
}
