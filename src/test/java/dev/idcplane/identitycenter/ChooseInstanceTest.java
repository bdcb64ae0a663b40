package dev.idcplane.identitycenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How the live state reader picks the Identity Center instance from ListInstances. The port here
 * answers only ListInstances and the Region; any other call fails the test.
 */
class ChooseInstanceTest {
  static final Instance ACTIVE =
      new Instance(
          "arn:aws:sso:::instance/ssoins-aaaaaaaaaaaaaaaa",
          "d-aaaaaaaaaa",
          "corp",
          "111111111111",
          "ACTIVE");
  static final Instance CREATING =
      new Instance(
          "arn:aws:sso:::instance/ssoins-bbbbbbbbbbbbbbbb",
          "d-bbbbbbbbbb",
          null,
          "222222222222",
          "CREATE_IN_PROGRESS");
  static final Instance OTHER_ACTIVE =
      new Instance(
          "arn:aws:sso:::instance/ssoins-cccccccccccccccc",
          "d-cccccccccc",
          "team",
          "333333333333",
          "ACTIVE");

  static LiveStateReader reader(List<Instance> instances) {
    IdentityCenter ic =
        (IdentityCenter)
            Proxy.newProxyInstance(
                IdentityCenter.class.getClassLoader(),
                new Class<?>[] {IdentityCenter.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "listInstances" -> instances;
                      case "region" -> "eu-west-1";
                      default -> throw new AssertionError("unexpected call " + method.getName());
                    });
    return new LiveStateReader(ic, Clock.systemUTC());
  }

  @Test
  void theOneActiveInstanceIsChosenOverOnesBeingCreated() {
    assertThat(reader(List.of(CREATING, ACTIVE)).chooseInstance(Optional.empty()))
        .isEqualTo(ACTIVE);
  }

  @Test
  void severalActiveInstancesAreEachNamedWithWhatToSet() {
    assertThatThrownBy(
            () -> reader(List.of(ACTIVE, CREATING, OTHER_ACTIVE)).chooseInstance(Optional.empty()))
        .isInstanceOf(IdentityCenterException.class)
        .hasMessageContaining(
            "3 Identity Center instances in Region eu-west-1 (idc.aws.region), 2 of them ACTIVE")
        .hasMessageContaining(
            ACTIVE.instanceArn() + " (name corp, owner account 111111111111, status ACTIVE)")
        .hasMessageContaining(
            CREATING.instanceArn()
                + " (name none, owner account 222222222222, status CREATE_IN_PROGRESS)")
        .hasMessageContaining(OTHER_ACTIVE.instanceArn() + " (name team")
        .hasMessageContaining("set idc.instance-arn");
  }

  @Test
  void anInstanceNotYetActiveIsNotChosenOnItsOwn() {
    assertThatThrownBy(() -> reader(List.of(CREATING)).chooseInstance(Optional.empty()))
        .hasMessageContaining("0 of them ACTIVE")
        .hasMessageContaining("status CREATE_IN_PROGRESS")
        .hasMessageContaining("wait until one is ACTIVE");
  }

  @Test
  void noInstanceAtAllNamesTheRegionSetting() {
    assertThatThrownBy(() -> reader(List.of()).chooseInstance(Optional.empty()))
        .isInstanceOf(IdentityCenterException.class)
        .satisfies(
            e ->
                assertThat(((IdentityCenterException) e).kind())
                    .isEqualTo(IdentityCenterException.Kind.NOT_FOUND))
        .hasMessageContaining("no Identity Center instance in Region eu-west-1")
        .hasMessageContaining("set idc.aws.region");
  }

  @Test
  void aConfiguredArnNotFoundNamesTheRegionAndTheInstancesThere() {
    assertThatThrownBy(
            () ->
                reader(List.of(ACTIVE))
                    .chooseInstance(Optional.of("arn:aws:sso:::instance/ssoins-dddddddddddddddd")))
        .hasMessageContaining(
            "no Identity Center instance arn:aws:sso:::instance/ssoins-dddddddddddddddd"
                + " in Region eu-west-1 (idc.aws.region)")
        .hasMessageContaining(ACTIVE.describe())
        .hasMessageContaining("idc.aws.region to the configured instance's home Region");
  }

  @Test
  void aConfiguredInstanceIsUsedOnlyWhenActive() {
    assertThat(
            reader(List.of(ACTIVE, OTHER_ACTIVE))
                .chooseInstance(Optional.of(OTHER_ACTIVE.instanceArn())))
        .isEqualTo(OTHER_ACTIVE);
    assertThatThrownBy(
            () ->
                reader(List.of(ACTIVE, CREATING))
                    .chooseInstance(Optional.of(CREATING.instanceArn())))
        .hasMessageContaining("is not ACTIVE")
        .hasMessageContaining("status CREATE_IN_PROGRESS");
  }
}
