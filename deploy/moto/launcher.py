#!/usr/bin/env python3
"""Starts moto 5.2.1 in-process with the sso-admin patches of idc_patches.py applied.

    python3 deploy/moto/launcher.py --port 5000 [--host 127.0.0.1] [--seed 42] [--exit-on-stdin-eof]
        [--legacy-account-status]

Prints "moto ready on http://HOST:PORT" once it accepts requests, then serves until SIGTERM or
SIGINT (or, with --exit-on-stdin-eof, until its standard input closes, so it dies with the JVM
that started it).

Identity Center instance: moto's sso-admin backend creates one instance per (account, region)
when the backend is first touched (SSOAdminBackend.__init__ -> Instance(account, region)), with
an ARN arn:aws:sso:::instance/ssoins-<16 random chars> and an identity store id d-<10 random
chars> from moto's mock_random. --seed seeds that generator so the ids repeat run to run. The
identitystore backend accepts any store id and creates it on first use; the account is the one
in the access key (123456789012 for moto's default test keys).
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
    parser.add_argument("--legacy-account-status", action="store_true",
                        help="answer Organizations accounts with the Status field AWS retired on"
                             " 2026-09-09 (default: State only, as AWS does today)")
    args = parser.parse_args()

    import idc_patches  # noqa: F401  (applies the patches on import)
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
