package dev.idcplane.identitycenter.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idcplane.identitycenter.Instance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The AWS adapter on moto reads GetCallerIdentity through STS (at the same endpoint override) and
 * every InstanceMetadata field the instance choice needs. moto answers for its default account
 * 123456789012, which also owns its one instance.
 */
class AwsCallerAndInstanceTest {
  @RegisterExtension static final MotoServer MOTO = new MotoServer();

  @Test
  void getCallerIdentityAndInstanceMetadata() {
    try (AwsClients clients = MotoClients.create(MOTO.endpoint())) {
      AwsIdentityCenter ic = new AwsIdentityCenter(clients);
      assertThat(ic.callerAccountId()).isEqualTo("123456789012");
      assertThat(ic.region()).isEqualTo("us-east-1");

      String arn = ic.listInstances().get(0).instanceArn();
      clients.ssoAdmin().updateInstance(r -> r.instanceArn(arn).name("corp"));
      assertThat(ic.listInstances())
          .singleElement()
          .satisfies(
              i -> {
                assertThat(i.status()).isEqualTo(Instance.ACTIVE);
                assertThat(i.ownerAccountId()).isEqualTo("123456789012");
                assertThat(i.name()).isEqualTo("corp");
              });
    }
  }
}
