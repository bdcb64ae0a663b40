#!/usr/bin/env python3
"""Starts moto 5.2.1 in-process with the sso-admin patches of idc_patches.py applied.

    python3 deploy/moto/launcher.py --port 5000 [--host 127.0.0.1] [--seed 42] [--exit-on-stdin-eof]
        [--aws-like [--op-latency 2.0] [--max-outstanding 15] [--rate 20]]
        [--legacy-account-status]

Prints "moto ready on http://HOST:PORT" once it accepts requests, then serves until SIGTERM or
SIGINT (or, with --exit-on-stdin-eof, until its standard input closes, so it dies with the JVM
that started it).

--aws-like (aws_like_patches.py) makes sso-admin behave like AWS rather than complete everything
inside the call: CreateAccountAssignment, DeleteAccountAssignment and ProvisionPermissionSet stay
IN_PROGRESS for --op-latency seconds; a submission beyond --max-outstanding IN_PROGRESS operations,
and any sso-admin call beyond --rate in a one-second window (0: no limit), fail ThrottlingException;
operations in accounts that are not ACTIVE end FAILED.

Identity Center instance: moto's sso-admin backend creates one instance per (account, region)
when the backend is first touched (SSOAdminBackend.__init__ -> Instance(account, region)), with
an ARN arn:aws:sso:::instance/ssoins-<16 random chars> and an identity store id d-<10 random
chars> from moto's mock_random. --seed seeds that generator so the ids repeat run to run. The
identitystore backend accepts any store id and creates it on first use; the account is the one
in the access key (123456789012 for moto's default test keys).

Trusted token issuers and customer managed applications (application_patches.py) are served in both
modes, synchronously; with --aws-like they count against the same sso-admin request rate. An AWS
managed application (another provider than applicationProvider/custom) can be seeded by sending
CreateApplication with the HTTP header "X-Moto-Seed-Managed-Application: true"; see
application_patches.py.
"""

import argparse
import os
import signal
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--seed", type=int, help="seed moto's id generator for repeatable ids")
    parser.add_argument("--exit-on-stdin-eof", action="store_true")
    parser.add_argument("--aws-like", action="store_true",
                        help="asynchronous operations take time; AWS's outstanding cap and rate limit")
    parser.add_argument("--op-latency", type=float, default=2.0,
                        help="seconds an operation stays IN_PROGRESS (with --aws-like)")
    parser.add_argument("--max-outstanding", type=int, default=15,
                        help="IN_PROGRESS operations at once (with --aws-like; AWS: 15)")
    parser.add_argument("--rate", type=int, default=20,
                        help="sso-admin calls per one-second window (with --aws-like; AWS: 20; 0: none)")
    parser.add_argument("--legacy-account-status", action="store_true",
                        help="answer Organizations accounts with the Status field AWS retired on"
                             " 2026-09-09 (default: State only, as AWS does today)")
    args = parser.parse_args()
    if args.op_latency < 0 or args.max_outstanding < 1 or args.rate < 0:
        parser.error("--op-latency must be >= 0, --max-outstanding >= 1 and --rate >= 0")

    import idc_patches  # noqa: F401  (applies the patches on import)

    if args.aws_like:
        import aws_like_patches

        aws_like_patches.enable(args.op_latency, args.max_outstanding, args.rate)
    import organizations_patches

    organizations_patches.LEGACY_STATUS = args.legacy_account_status
    from moto.moto_api._internal import mock_random
    from moto.moto_server.threaded_moto_server import ThreadedMotoServer

    import logging

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    if args.seed is not None:
        mock_random.seed(args.seed)

    server = ThreadedMotoServer(ip_address=args.host, port=args.port, verbose=False)
    server.start()
    print(f"moto ready on http://{args.host}:{args.port}", flush=True)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    if args.exit_on_stdin_eof:
        def watch_stdin() -> None:
            while sys.stdin.read(1024):
                pass
            stop.set()

        threading.Thread(target=watch_stdin, daemon=True).start()
    stop.wait()
    server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
