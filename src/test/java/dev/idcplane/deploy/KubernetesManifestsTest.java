package dev.idcplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hand-kept manifests in {@code deploy/kubernetes/}: two replicas with health probes, a locked
 * down container, no secret inline, the image the container script builds, and only environment
 * variables the service reads.
 */
class KubernetesManifestsTest {
  private static final Manifests MANIFESTS = Manifests.load();
  private static final Manifests.Doc DEPLOYMENT = MANIFESTS.only("Deployment");
  private static final Pattern SENSITIVE =
      Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|CREDENTIAL|PRIVATE|_KEY$|DB_URL|USER$).*");

  @Test
  void everyDocumentIsAKubernetesObject() {
    assertThat(MANIFESTS.docs()).isNotEmpty();
    for (var doc : MANIFESTS.docs()) {
      assertThat(doc.body()).as(doc.file().toString()).containsKeys("apiVersion", "kind");
      if (!"Kustomization".equals(doc.kind())) {
        assertThat(doc.at("metadata.name")).as(doc.file() + " metadata.name").isNotNull();
      }
    }
    for (String kind :
        List.of("Deployment", "Service", "PodDisruptionBudget", "ServiceAccount", "ConfigMap")) {
      assertThat(MANIFESTS.ofKind(kind)).as(kind).hasSize(1);
    }
  }

  @Test
  void twoReplicasWithLivenessAndReadiness() {
    assertThat(DEPLOYMENT.at("spec.replicas")).isEqualTo(2);
    Map<String, Object> c = container();
    assertThat(Manifests.at(c, "livenessProbe.httpGet.path")).isEqualTo("/q/health/live");
    assertThat(Manifests.at(c, "readinessProbe.httpGet.path")).isEqualTo("/q/health/ready");
    assertThat(Manifests.at(c, "resources.requests.memory")).isNotNull();
    assertThat(Manifests.at(c, "resources.limits.memory")).isNotNull();
    assertThat(list(DEPLOYMENT.at("spec.template.spec.topologySpreadConstraints"))).isNotEmpty();
  }

  @Test
  void runsNonRootWithoutEscalationOnAReadOnlyRoot() {
    assertThat(DEPLOYMENT.at("spec.template.spec.securityContext.runAsNonRoot")).isEqualTo(true);
    Map<String, Object> c = container();
    assertThat(Manifests.at(c, "securityContext.runAsNonRoot")).isEqualTo(true);
    assertThat(Manifests.at(c, "securityContext.allowPrivilegeEscalation")).isEqualTo(false);
    assertThat(Manifests.at(c, "securityContext.readOnlyRootFilesystem")).isEqualTo(true);
    assertThat(list(Manifests.at(c, "securityContext.capabilities.drop"))).containsExactly("ALL");
    assertThat(list(c.get("volumeMounts")))
        .anySatisfy(m -> assertThat(Manifests.at(m, "mountPath")).isEqualTo("/tmp"));
    assertThat(list(DEPLOYMENT.at("spec.template.spec.volumes")))
        .anySatisfy(v -> assertThat(Manifests.at(v, "emptyDir")).isNotNull());
  }

  @Test
  void noSecretValueIsInline() {
    for (Object e : list(container().get("env"))) {
      String name = (String) Manifests.at(e, "name");
      if (SENSITIVE.matcher(name).matches()) {
        assertThat(Manifests.at(e, "valueFrom.secretKeyRef"))
            .as(name + " must come from a secretKeyRef")
            .isNotNull();
        assertThat(Manifests.at(e, "value")).as(name + " inline value").isNull();
      }
    }
    for (var map : MANIFESTS.ofKind("ConfigMap")) {
      assertThat(((Map<?, ?>) map.at("data")).keySet())
          .as("ConfigMap keys that belong in a Secret")
          .noneMatch(k -> SENSITIVE.matcher(k.toString()).matches());
    }
    for (var secret : MANIFESTS.ofKind("Secret")) {
      for (String field : List.of("data", "stringData")) {
        if (secret.at(field) instanceof Map<?, ?> values) {
          assertThat(values.values())
              .as(secret.file() + " holds only placeholders")
              .allMatch("REPLACE_ME"::equals);
        }
      }
    }
  }

  @Test
  void everyEnvironmentVariableIsOneTheServiceReads() {
    List<String> set = new ArrayList<>();
    list(container().get("env")).forEach(e -> set.add((String) Manifests.at(e, "name")));
    for (Object source : list(container().get("envFrom"))) {
      String configMap = (String) Manifests.at(source, "configMapRef.name");
      assertThat(configMap).as("envFrom only from ConfigMaps in this folder").isNotNull();
      MANIFESTS.ofKind("ConfigMap").stream()
          .filter(m -> configMap.equals(m.at("metadata.name")))
          .forEach(m -> ((Map<?, ?>) m.at("data")).keySet().forEach(k -> set.add(k.toString())));
    }
    Set<String> read = ConfigNames.environmentVariables();
    assertThat(set).contains("IDC_DB_URL", "IDC_OIDC_SERVER_URL", "IDC_MATRIX_SOURCE");
    assertThat(set).as("variables the service does not read").allMatch(read::contains);
  }

  @Test
  void theImageIsTheOneTheContainerScriptBuilds() throws IOException {
    Matcher version =
        Pattern.compile("<artifactId>idc-control-plane</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(Files.readString(Path.of("pom.xml")));
    assertThat(version.find()).isTrue();
    String image = "idc-control-plane:" + version.group(1);
    assertThat(container().get("image")).isEqualTo(image);
    assertThat(Files.readString(Path.of("deploy/container/build-and-run.sh")))
        .as("deploy/container/build-and-run.sh builds the image deployment.yaml runs")
        .contains("IMAGE=\"${IMAGE:-" + image + "}\"");
  }

  @Test
  void serviceAccountServicePdbAndMonitorMatchTheDeployment() {
    var account = MANIFESTS.only("ServiceAccount");
    assertThat(DEPLOYMENT.at("spec.template.spec.serviceAccountName"))
        .isEqualTo(account.at("metadata.name"));
    Map<?, ?> annotations = (Map<?, ?>) account.at("metadata.annotations");
    assertThat(annotations.get("eks.amazonaws.com/role-arn")).as("IRSA role").isNotNull();
    Object podLabels = DEPLOYMENT.at("spec.template.metadata.labels");
    assertThat(DEPLOYMENT.at("spec.selector.matchLabels")).isEqualTo(podLabels);
    assertThat(MANIFESTS.only("Service").at("spec.selector")).isEqualTo(podLabels);
    assertThat(MANIFESTS.only("PodDisruptionBudget").at("spec.selector.matchLabels"))
        .isEqualTo(podLabels);
    for (var monitor : MANIFESTS.ofKind("ServiceMonitor")) {
      assertThat(list(monitor.at("spec.endpoints")))
          .allSatisfy(e -> assertThat(Manifests.at(e, "path")).isEqualTo("/q/metrics"));
    }
  }

  private static Map<String, Object> container() {
    List<Object> containers = list(DEPLOYMENT.at("spec.template.spec.containers"));
    assertThat(containers).hasSize(1);
    @SuppressWarnings("unchecked")
    Map<String, Object> c = (Map<String, Object>) containers.get(0);
    return c;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object node) {
    return node == null ? List.of() : (List<Object>) node;
  }
}
