package dev.idcplane.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idcplane.identitycenter.ProvisionTarget;
import dev.idcplane.identitycenter.ProvisioningStatus;
import dev.idcplane.identitycenter.sandbox.SandboxIdentityCenter;
import dev.idcplane.plan.Change;
import dev.idcplane.plan.DriftKind;
import dev.idcplane.plan.Plan;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A set provisioned to a suspended account is provisioned account by account, and the run succeeds
 * in the sandbox (where ALL_PROVISIONED_ACCOUNTS would fail, as in AWS).
 */
class InactiveAccountApplyTest {
  static final String DEV = "200000000001";
  static final String OLD = "200000000002";
  static final String QA = "200000000003";
  static final String SEED =
      """
      organization:
        id: o-inactive0001
        management_account: "100000000000"
        accounts:
          - {id: "100000000000", name: management}
          - {id: "200000000001", name: app-dev}
          - {id: "200000000002", name: old-dev, state: SUSPENDED}
          - {id: "200000000003", name: app-qa}
      groups: [devs]
      permission_sets:
        - {name: Dev, description: Developers, session_duration: PT1H}
      assignments:
        - {permission_set: Dev, group: devs, accounts: [app-dev, old-dev, app-qa]}
      """;
  static final Map<String, String> MATRIX =
      Map.of(
          "permission-sets.yaml",
              """
          permission_sets:
            Dev:
              description: Developers
              session_duration: PT2H
          """,
          "assignments.yaml",
              """
          assignments:
            - group: devs
              permission_set: Dev
              ous: [_root_]
              exclude_accounts: [management]
          """);

  @Test
  void aDefinitionChangeReachesEveryActiveAccountAndTheRunSucceeds() throws Exception {
    SandboxIdentityCenter ic =
        SandboxIdentityCenter.fromSeed(
            new ByteArrayInputStream(SEED.getBytes(StandardCharsets.UTF_8)),
            "seed.yaml",
            Clock.systemUTC(),
            ApplierTest.behaviour());
    Plan plan = Pipelines.plan(ic, MATRIX);

    assertThat(plan.changes())
        .filteredOn(c -> c instanceof Change.ProvisionPermissionSet)
        .extracting(c -> ((Change.ProvisionPermissionSet) c).target())
        .containsExactly(ProvisionTarget.account(DEV), ProvisionTarget.account(QA));
    assertThat(plan.changes())
        .extracting(Change::key)
        .doesNotContain("provision/Dev")
        .noneMatch(k -> k.contains(OLD));
    assertThat(plan.drift())
        .extracting(d -> d.kind())
        .contains(DriftKind.DEFINITION, DriftKind.INACTIVE_ACCOUNT); // devs in old-dev: kept

    RecordingJournal journal = new RecordingJournal();
    RunResult result = ApplierTest.apply(ic, plan, journal, Applier.operationsOf(plan));

    assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(result.operations())
        .extracting(Operation::outcome)
        .containsOnly(OperationOutcome.SUCCEEDED);
    String arn = ic.listPermissionSets(plan.source().instanceArn()).get(0);
    assertThat(
            ic.listAccountsForProvisionedPermissionSet(
                plan.source().instanceArn(),
                arn,
                ProvisioningStatus.LATEST_PERMISSION_SET_NOT_PROVISIONED))
        .containsExactly(OLD);
    Plan again = Pipelines.plan(ic, MATRIX);
    assertThat(again.changes()).isEmpty();
    assertThat(again.drift())
        .extracting(d -> d.kind() + " " + d.fixedByPlan())
        .containsExactlyInAnyOrder("OUT_OF_SYNC false", "INACTIVE_ACCOUNT false");
  }

  @Test
  void theSameChangeThroughAllProvisionedAccountsFailsInTheSandbox() throws Exception {
    SandboxIdentityCenter ic =
        SandboxIdentityCenter.fromSeed(
            new ByteArrayInputStream(SEED.getBytes(StandardCharsets.UTF_8)),
            "seed.yaml",
            Clock.systemUTC(),
            ApplierTest.behaviour());
    Plan plan = Pipelines.plan(ic, MATRIX);
    Change.ProvisionPermissionSet perAccount =
        plan.changes().stream()
            .filter(c -> c instanceof Change.ProvisionPermissionSet)
            .map(c -> (Change.ProvisionPermissionSet) c)
            .findFirst()
            .orElseThrow();
    Plan allAccounts =
        new Plan(
            plan.source(),
            List.of(
                plan.changes().get(0),
                new Change.ProvisionPermissionSet(
                    perAccount.name(), perAccount.permissionSetArn(), List.of(), "all")),
            plan.drift(),
            plan.warnings(),
            0);

    RunResult result =
        ApplierTest.apply(
            ic, allAccounts, new RecordingJournal(), Applier.operationsOf(allAccounts));

    assertThat(result.operations().get(1).outcome()).isEqualTo(OperationOutcome.FAILED);
    assertThat(result.operations().get(1).error()).contains("'" + OLD + "'");
  }
}
