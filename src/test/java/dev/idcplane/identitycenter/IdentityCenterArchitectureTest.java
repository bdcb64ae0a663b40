package dev.idcplane.identitycenter;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The port and the sandbox stay free of Quarkus, AWS SDK and JPA types. */
class IdentityCenterArchitectureTest {
  private final JavaClasses classes = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.idcplane.identitycenter");

  @Test
  void portImportsNoFrameworks() {
    noClasses().that().resideInAnyPackage("dev.idcplane.identitycenter", "dev.idcplane.identitycenter.sandbox")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.quarkus..", "software.amazon..", "jakarta.persistence..", "jakarta.enterprise..",
            "org.hibernate..")
        .check(classes);
  }
}
