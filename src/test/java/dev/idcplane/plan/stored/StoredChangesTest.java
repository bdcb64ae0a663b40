package dev.idcplane.plan.stored;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idcplane.identitycenter.CustomerManagedPolicyRef;
import dev.idcplane.identitycenter.PermissionSetDefinition;
import dev.idcplane.identitycenter.PermissionsBoundary;
import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.identitycenter.ProvisionTarget;
import dev.idcplane.identitycenter.apps.GrantType;
import dev.idcplane.matrix.SourceLocation;
import dev.idcplane.plan.AssignmentKey;
import dev.idcplane.plan.Change;
import dev.idcplane.plan.FieldChange;
import dev.idcplane.plan.apps.AppChange;
import dev.idcplane.plan.apps.ArnRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The stored form of a change: every action reads back equal, documents written before the format
 * had a number (by earlier versions, from the API's view) still read, and what this version cannot
 * read is refused with a reason.
 */
class StoredChangesTest {
  static final String URL = "https://console.aws.amazon.com/ec2/home?region=eu-west-1";
  static final SourceLocation AT = new SourceLocation("permission-sets.yaml", 3);
  static final AssignmentKey KEY =
      new AssignmentKey("111111111111", "Dev", PrincipalType.GROUP, "g-1");

  static final PermissionSetDefinition FULL =
      new PermissionSetDefinition(
          "developers",
          "PT4H",
          Set.of(
              "arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/AWSSupportAccess"),
          Set.of(
              new CustomerManagedPolicyRef("dev-extra", "/team/"),
              new CustomerManagedPolicyRef("dev-logs", "/")),
          Optional.of(
              PermissionsBoundary.customerManaged(new CustomerManagedPolicyRef("boundary", "/"))),
          "{\"Version\":\"2012-10-17\",\"Statement\":[]}",
          Map.of("ManagedBy", "idc-control-plane", "Team", "dev"),
          URL);

  static Stream<Change> everyAction() {
    PermissionSetDefinition managedBoundary =
        new PermissionSetDefinition(
            null,
            "PT1H",
            Set.of(),
            Set.of(),
            Optional.of(PermissionsBoundary.managed("arn:aws:iam::aws:policy/PowerUserAccess")),
            null,
            Map.of(),
            null);
    return Stream.of(
        new Change.CreatePermissionSet("Dev", FULL, AT, "declared in the matrix"),
        new Change.CreatePermissionSet("Ops", managedBoundary, AT, "declared in the matrix"),
        new Change.UpdatePermissionSet(
            "Dev",
            "arn:ps/Dev",
            List.of(
                new FieldChange("description", "old", "developers"),
                new FieldChange("relayState", null, URL)),
            null,
            FULL,
            AT,
            "definition drift"),
        new Change.ProvisionPermissionSet("Dev", "arn:ps/Dev", List.of("111111111111"), "updated"),
        new Change.ProvisionPermissionSet(
            "Dev",
            "arn:ps/Dev",
            List.of("111111111111", "222222222222"),
            ProvisionTarget.account("111111111111"),
            "dev",
            "one account"),
        new Change.CreateAssignment(
            KEY,
            "arn:ps/Dev",
            "Developers",
            "dev",
            List.of(new SourceLocation("assignments/dev.yaml", 4), AT),
            "wanted"),
        new Change.DeleteAssignment(KEY, "arn:ps/Dev", "Developers", "dev", "not wanted"),
        new Change.DeleteAssignment(
            new AssignmentKey("222222222222", "Dev", PrincipalType.USER, "u-1"),
            "arn:ps/Dev",
            null,
            null,
            "not wanted"),
        app(new AppChange.CreateIssuer("corp-idp", "https://idp", "email", "emails.value", "r")),
        app(
            new AppChange.UpdateIssuer(
                ArnRef.known("arn:tti/1", "corp-idp.replacement"),
                "corp-idp",
                "sub",
                "userName",
                "renamed")),
        app(new AppChange.DeleteIssuer(ArnRef.known("arn:tti/0", "corp-idp"), "replaced")),
        app(new AppChange.CreateApplication("bot", "a bot", "ENABLED", "r")),
        app(new AppChange.UpdateApplication(APP, "a bot", "DISABLED", "r")),
        app(new AppChange.DeleteApplication(APP, "absent")),
        app(
            new AppChange.PutGrant(
                ArnRef.byName("bot"),
                GrantType.JWT_BEARER,
                List.of(
                    new AppChange.GrantIssuer(ArnRef.byName("corp-idp"), List.of("bot", "bot2")),
                    new AppChange.GrantIssuer(ArnRef.known("arn:tti/9", "other"), List.of("bot"))),
                "r")),
        app(new AppChange.PutGrant(APP, GrantType.REFRESH_TOKEN, List.of(), "r")),
        app(new AppChange.DeleteGrant(APP, GrantType.TOKEN_EXCHANGE, "r")),
        app(new AppChange.PutActorPolicy(APP, "{\"Version\":\"2012-10-17\"}", "r")),
        app(new AppChange.DeleteActorPolicy(APP, "r")),
        app(
            new AppChange.PutScope(
                APP, "s3:access_grants:read", List.of(ArnRef.byName("notebook"), APP), "r")),
        app(new AppChange.DeleteScope(APP, "sts:identity_context", "r")),
        app(new AppChange.PutAssignmentRequired(APP, false, "r")),
        app(new AppChange.CreateAssignment(APP, PrincipalType.GROUP, "g-1", "admins", "r")),
        app(new AppChange.DeleteAssignment(APP, PrincipalType.USER, "u-1", "r")));
  }

  static final ArnRef APP = ArnRef.known("arn:aws:sso::111111111111:application/i/apl-1", "bot");

  private static Change app(AppChange change) {
    return new Change.ApplicationChange(change);
  }

  @ParameterizedTest
  @MethodSource("everyAction")
  void everyActionReadsBackEqual(Change change) {
    String stored = StoredChanges.encode(change);

    assertThat(stored).startsWith("{\"format\":1,");
    assertThat(StoredChanges.decode(stored)).isEqualTo(change);
    assertThat(StoredChanges.encode(StoredChanges.decode(stored))).isEqualTo(stored);
  }

  @Test
  void theDocumentIsStable() {
    // Fixes format 1: a change of any name or shape here needs a new format number.
    Change c =
        new Change.CreateAssignment(KEY, "arn:ps/Dev", "Developers", "dev", List.of(AT), "r");
    assertThat(StoredChanges.encode(c))
        .isEqualTo(
            "{\"format\":1,\"action\":\"create_assignment\",\"key\":\""
                + c.key()
                + "\",\"reason\":\"r\",\"permissionSet\":\"Dev\",\"permissionSetArn\":\"arn:ps/Dev\","
                + "\"account\":{\"type\":\"account\",\"id\":\"111111111111\",\"name\":\"dev\"},"
                + "\"principal\":{\"type\":\"group\",\"id\":\"g-1\",\"name\":\"Developers\"},"
                + "\"wantedBy\":[\"permission-sets.yaml:3\"]}");
  }

  @Test
  void anAssignmentStoredByEarlierVersionsStillReads() {
    String stored =
        """
        {"action":"create_assignment","key":"assignment/111111111111/Dev/GROUP/g-1","reason":"wanted",
         "permissionSet":"Dev","permissionSetArn":"arn:ps/Dev",
         "account":{"type":"account","id":"111111111111","name":"dev"},
         "principal":{"type":"group","id":"g-1","name":"Developers"},
         "wantedBy":["assignments/dev.yaml:4"]}
        """;

    assertThat(StoredChanges.decode(stored))
        .isEqualTo(
            new Change.CreateAssignment(
                KEY,
                "arn:ps/Dev",
                "Developers",
                "dev",
                List.of(new SourceLocation("assignments/dev.yaml", 4)),
                "wanted"));
  }

  @Test
  void aChangeStoredBeforeRelayStatesExistedStillReads() {
    String stored =
        """
        {"action":"update_permission_set","key":"permission_set/Dev","reason":"definition drift",
         "permissionSet":"Dev","permissionSetArn":"arn:ps/Dev",
         "wantedBy":["permission-sets.yaml:3"],
         "fields":[{"field":"description","before":"old","after":"d"}],
         "definition":{"description":"d","sessionDuration":"PT4H",
           "managedPolicies":["arn:aws:iam::aws:policy/ReadOnlyAccess"]}}
        """;

    Change.UpdatePermissionSet decoded = (Change.UpdatePermissionSet) StoredChanges.decode(stored);

    assertThat(decoded.fields()).containsExactly(new FieldChange("description", "old", "d"));
    assertThat(decoded.after())
        .isEqualTo(
            new PermissionSetDefinition(
                "d",
                "PT4H",
                Set.of("arn:aws:iam::aws:policy/ReadOnlyAccess"),
                Set.of(),
                Optional.empty(),
                null,
                Map.of(),
                null));
    assertThat(decoded.after().relayState()).isNull();
    assertThat(decoded.declaredAt()).isEqualTo(AT);
  }

  @Test
  void whatThisVersionCannotReadIsRefusedWithTheReason() {
    assertThatThrownBy(
            () -> StoredChanges.decode("{\"format\":2,\"action\":\"create_assignment\"}"))
        .isInstanceOf(StoredChanges.StoredChangeException.class)
        .hasMessageContaining("format 2")
        .hasMessageContaining("reads format 1 only");
    assertThatThrownBy(() -> StoredChanges.decode("not json"))
        .isInstanceOf(StoredChanges.StoredChangeException.class)
        .hasMessageContaining("is not JSON");
    assertThatThrownBy(() -> StoredChanges.decode("[1]"))
        .hasMessageContaining("is not a JSON object");
    assertThatThrownBy(
            () ->
                StoredChanges.decode(
                    "{\"action\":\"create_assignment\",\"permissionSet\":\"Dev\"}"))
        .isInstanceOf(StoredChanges.StoredChangeException.class)
        .hasMessageContaining("no id");
    assertThatThrownBy(() -> StoredChanges.decode("{\"action\":\"rename_everything\"}"))
        .isInstanceOf(StoredChanges.StoredChangeException.class)
        .hasMessageContaining("RENAME_EVERYTHING");
  }
}
