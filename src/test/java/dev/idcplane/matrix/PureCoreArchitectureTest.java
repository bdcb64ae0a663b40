package dev.idcplane.matrix;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The matrix, the plan and the Identity Center port are plain Java: no Quarkus, CDI, AWS SDK or JPA
 * (STYLE.md "Packages"). Adapters live in sub-packages of the port and are not checked here.
 */
class PureCoreArchitectureTest {
  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.idcplane");

  @Test
  void coreImportsNoFrameworkOrSdk() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.idcplane.matrix..", "dev.idcplane.plan..", "dev.idcplane.identitycenter")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.quarkus..",
            "jakarta.enterprise..",
            "jakarta.inject..",
            "jakarta.persistence..",
            "jakarta.ws.rs..",
            "org.hibernate..",
            "software.amazon.awssdk..")
        .check(classes);
  }
}
