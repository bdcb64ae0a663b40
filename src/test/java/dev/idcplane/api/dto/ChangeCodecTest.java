package dev.idcplane.api.dto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idcplane.identitycenter.PermissionSetDefinition;
import dev.idcplane.matrix.SourceLocation;
import dev.idcplane.plan.Change;
import dev.idcplane.plan.FieldChange;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A change as a run stores it (JSON of its view) decodes back, before and after relay states. */
class ChangeCodecTest {
  static final String URL = "https://console.aws.amazon.com/ec2/home?region=eu-west-1";
  final ObjectMapper json =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  @Test
  void aRelayStateIsRenderedStoredAndDecoded() throws Exception {
    PermissionSetDefinition d =
        new PermissionSetDefinition(
            "d",
            "PT4H",
            Set.of("arn:aws:iam::aws:policy/ReadOnlyAccess"),
            Set.of(),
            Optional.empty(),
            null,
            Map.of("ManagedBy", "idc-control-plane"),
            URL);
    Change create =
        new Change.CreatePermissionSet(
            "Dev", d, new SourceLocation("permission-sets.yaml", 3), "declared in the matrix");

    String stored = json.writeValueAsString(PlanViews.change(create));

    assertThat(stored).contains("\"relayState\":\"" + URL + "\"");
    Change decoded = ChangeCodec.decode(json.readValue(stored, ChangeView.class));
    assertThat(decoded).isEqualTo(create);
  }

  @Test
  void aChangeStoredBeforeRelayStatesExistedStillDecodes() throws Exception {
    String stored =
        """
        {"action":"update_permission_set","key":"permission_set/Dev","reason":"definition drift",
         "permissionSet":"Dev","permissionSetArn":"arn:ps/Dev",
         "wantedBy":["permission-sets.yaml:3"],
         "fields":[{"field":"description","before":"old","after":"d"}],
         "definition":{"description":"d","sessionDuration":"PT4H",
           "managedPolicies":["arn:aws:iam::aws:policy/ReadOnlyAccess"]}}
        """;

    Change.UpdatePermissionSet decoded =
        (Change.UpdatePermissionSet) ChangeCodec.decode(json.readValue(stored, ChangeView.class));

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
                Map.of()));
    assertThat(decoded.after().relayState()).isNull();
    assertThat(List.of(decoded.declaredAt()))
        .containsExactly(new SourceLocation("permission-sets.yaml", 3));
  }
}
