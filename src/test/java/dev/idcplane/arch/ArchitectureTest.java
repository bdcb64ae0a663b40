package dev.idcplane.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The core (matrix, plan, apply, the Identity Center port) and the sandbox stay free of framework
 * and SDK types; the core does not reach into adapters or edges; the top-level packages depend on
 * each other without cycles; and only the API and the console (ui) speak JAX-RS.
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
            "dev.idcplane.apply..",
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
        .resideInAnyPackage("dev.idcplane.matrix..", "dev.idcplane.plan..", "dev.idcplane.apply..")
        .or()
        .resideInAPackage("dev.idcplane.identitycenter")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.idcplane.api..",
            "dev.idcplane.persistence..",
            "dev.idcplane.planning..",
            "dev.idcplane.run..",
            "dev.idcplane.drift..",
            "dev.idcplane.audit..",
            "dev.idcplane.source..",
            "dev.idcplane.security..",
            "dev.idcplane.metrics..",
            "dev.idcplane.view..",
            "dev.idcplane.ui..",
            "dev.idcplane.config..",
            "dev.idcplane.identitycenter.aws..",
            "dev.idcplane.identitycenter.sandbox..")
        .check(CLASSES);
  }

  /** Each top-level package with its subpackages is one slice; no slice depends on itself. */
  @Test
  void topLevelPackagesHaveNoCycles() {
    slices().matching("dev.idcplane.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void onlyTheApiAndTheConsoleSpeakJaxRs() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.idcplane.api..", "dev.idcplane.ui..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("jakarta.ws.rs..", "org.jboss.resteasy..")
        .check(CLASSES);
  }
}
