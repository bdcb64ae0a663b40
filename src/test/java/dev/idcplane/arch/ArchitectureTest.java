package dev.idcplane.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The core (matrix, plan, the Identity Center port) and the sandbox stay free of framework and SDK
 * types; the core does not reach into adapters or edges.
 */
class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.idcplane");

  @Test
  void coreImportsNoQuarkusAwsOrJpa() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.idcplane.matrix..",
            "dev.idcplane.plan..",
            "dev.idcplane.error..",
            "dev.idcplane.access..")
        .or()
        .resideInAnyPackage("dev.idcplane.identitycenter", "dev.idcplane.identitycenter.sandbox")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.quarkus..",
            "software.amazon..",
            "jakarta.persistence..",
            "jakarta.enterprise..",
            "jakarta.ws.rs..",
            "org.hibernate..",
            "io.smallrye..")
        .check(CLASSES);
  }

  @Test
  void coreDoesNotReachIntoAdaptersOrEdges() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.idcplane.matrix..", "dev.idcplane.plan..")
        .or()
        .resideInAPackage("dev.idcplane.identitycenter")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.idcplane.api..",
            "dev.idcplane.persistence..",
            "dev.idcplane.service..",
            "dev.idcplane.config..",
            "dev.idcplane.identitycenter.aws..",
            "dev.idcplane.identitycenter.sandbox..")
        .check(CLASSES);
  }
}
