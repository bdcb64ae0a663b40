package dev.idcplane.identitycenter.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idcplane.identitycenter.Account;
import dev.idcplane.identitycenter.AccountStatus;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Accounts are read by their State: AWS retired Account.Status on 2026-09-09 and moto answers as
 * AWS does today (deploy/moto/organizations_patches.py).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsOrganizationsStateTest {
  @RegisterExtension static final MotoServer MOTO = new MotoServer();

  private AwsClients clients;

  @AfterAll
  void closeClients() {
    if (clients != null) {
      clients.close();
    }
  }

  @Test
  void accountsAnsweredWithStateOnlyAreReadByTheirState() {
    clients = MotoClients.create(MOTO.endpoint());
    var orgs = clients.organizations();
    orgs.createOrganization(r -> r.featureSet("ALL"));
    String root = orgs.listRoots(r -> {}).roots().get(0).id();
    String open =
        orgs.createAccount(r -> r.accountName("app-dev").email("d@example.com"))
            .createAccountStatus()
            .accountId();
    String closed =
        orgs.createAccount(r -> r.accountName("old-dev").email("o@example.com"))
            .createAccountStatus()
            .accountId();
    orgs.closeAccount(r -> r.accountId(closed));

    // what AWS answers today: State, and no Status
    assertThat(orgs.listAccountsForParent(r -> r.parentId(root)).accounts())
        .allSatisfy(a -> assertThat(a.statusAsString()).isNull())
        .extracting(a -> a.name() + " " + a.stateAsString())
        .contains("app-dev ACTIVE", "old-dev CLOSED");

    List<Account> read = new AwsIdentityCenter(clients).listAccountsForParent(root);
    assertThat(read)
        .extracting(Account::id, Account::status)
        .contains(
            org.assertj.core.groups.Tuple.tuple(open, AccountStatus.ACTIVE),
            org.assertj.core.groups.Tuple.tuple(closed, AccountStatus.CLOSED));
    assertThat(read)
        .filteredOn(Account::active)
        .extracting(Account::id)
        .contains(open)
        .doesNotContain(closed);
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "-",
      value = {
        "PENDING_ACTIVATION, -, PENDING_ACTIVATION",
        "ACTIVE, -, ACTIVE",
        "SUSPENDED, -, SUSPENDED",
        "PENDING_CLOSURE, -, PENDING_CLOSURE",
        "CLOSED, -, CLOSED",
        "CLOSED, SUSPENDED, CLOSED", // both answered: State wins
        "ACTIVE, SUSPENDED, ACTIVE",
        "-, ACTIVE, ACTIVE", // Status only where State is absent
        "-, PENDING_CLOSURE, PENDING_CLOSURE",
        "-, SUSPENDED, SUSPENDED",
        "-, -, SUSPENDED", // neither: never targeted
        "SOME_FUTURE_STATE, ACTIVE, SUSPENDED"
      })
  void stateComesFirstAndStatusOnlyWhereStateIsAbsent(
      String state, String status, AccountStatus expected) {
    assertThat(AwsOrganizations.status(state, status)).isEqualTo(expected);
  }
}
