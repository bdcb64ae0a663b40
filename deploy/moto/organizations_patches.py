"""Patches moto 5.2.1's organizations backend to answer accounts as AWS does today.

API_Account (https://docs.aws.amazon.com/organizations/latest/APIReference/API_Account.html):
"The Status parameter in the Account object will be retired on September 9, 2026 ... we recommend
that you update your scripts or other code to use the State parameter instead of Status". Since
then DescribeAccount, ListAccounts and ListAccountsForParent answer an Account with State only.
moto 5.2.1 still answers both, so a client that reads Status passes against moto and fails in AWS.

State values (same page; "Monitor the state of your AWS accounts",
https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_accounts_account_state.html):
PENDING_ACTIVATION | ACTIVE | SUSPENDED | PENDING_CLOSURE | CLOSED. SUSPENDED is an AWS-enforced
restriction (no Organizations API sets it); CLOSED is an account closed by its owner, in its
90-day reinstatement window.

LEGACY_STATUS (launcher.py --legacy-account-status) answers Status too, as AWS did before the
retirement.
"""

from moto.organizations.exceptions import AccountAlreadyClosedException
from moto.organizations.models import FakeAccount

LEGACY_STATUS = False

# --- API_Account.html: Status is retired; an Account carries State only.
_describe = FakeAccount.describe


def describe(self) -> dict:
    result = _describe(self)
    if not LEGACY_STATUS:
        result.pop("Status", None)
    return result


FakeAccount.describe = describe


# --- API_CloseAccount.html: the account is PENDING_CLOSURE while the request runs, then closed;
#     the (legacy) Status "will change to SUSPENDED". The account state page names the closed
#     state CLOSED. moto completes the request inside the call, so the account is CLOSED at once
#     (moto 5.2.1 sets State to SUSPENDED, the state AWS uses for an AWS-enforced suspension).
#     Closing an account that is closed (or closing) is AccountAlreadyClosedException.
def close(self) -> None:
    if self.state in ("PENDING_CLOSURE", "CLOSED"):
        raise AccountAlreadyClosedException
    self.status = "SUSPENDED"
    self.state = "CLOSED"


FakeAccount.close = close
