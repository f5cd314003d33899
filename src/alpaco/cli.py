"""`alpaco serve | seed | token | sandbox-info`: the platform on one machine, with no account and no network."""

from __future__ import annotations

import argparse
import ipaddress
import os
import secrets
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from alpaco.gateway.dynamodb_local import DynamoDBLocal, DynamoDBLocalError, free_port, port_in_use
from alpaco.gateway.supervisor import Supervisor

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def _local_environment(data_dir: Path, host: str, port: int) -> None:
    """Defaults for a local run; anything the operator already exported wins.

    The data directory holds every problem's hidden tests: it is private to the operator, so
    that no other uid on the machine (a sandbox in thin mode among them) can read it.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    data_dir.chmod(0o700)
    secret_file = data_dir / "cursor-secret"
    if not secret_file.exists():
        secret_file.write_text(secrets.token_hex(32))
        secret_file.chmod(0o600)
    os.environ.setdefault("ALPACO_ENV", "local")
    os.environ.setdefault("ALPACO_DATA_DIR", str(data_dir))
    os.environ.setdefault("ALPACO_CURSOR_SECRET", secret_file.read_text().strip())
    os.environ.setdefault("ALPACO_COGNITO_ISSUER", f"http://{host}:{port}/auth/dev")
    os.environ.setdefault("AWS_REGION", "ap-northeast-2")
    from alpaco.kernel.config import local_origins, reset_settings

    os.environ.setdefault("ALPACO_CORS_ORIGINS", ",".join(local_origins(host, port)))
    reset_settings()


@contextmanager
def _database(
    data_dir: Path, on_give_up: Callable[[str], None] = lambda reason: None
) -> Iterator[Supervisor | None]:
    """Use ALPACO_DYNAMODB_ENDPOINT when set, else run DynamoDB Local persisted under the data dir,
    restarted by a supervisor whenever it dies (it yields that supervisor). Either way the tables
    exist by the time it yields."""
    if os.environ.get("ALPACO_DYNAMODB_ENDPOINT"):
        _prepare_tables()
        yield None
        return
    engine = DynamoDBLocal(
        PROJECT_ROOT,
        port=free_port(),
        data_dir=data_dir / "dynamodb",
        log_path=data_dir / "dynamodb.log",
    )
    os.environ["ALPACO_DYNAMODB_ENDPOINT"] = engine.endpoint
    from alpaco.kernel.config import reset_settings

    reset_settings()
    supervisor = Supervisor(engine, after_start=_prepare_tables, on_give_up=on_give_up)
    try:
        supervisor.start()
        yield supervisor
    finally:
        supervisor.stop()
        os.environ.pop("ALPACO_DYNAMODB_ENDPOINT", None)


def _prepare_tables() -> None:
    from alpaco.kernel import dynamo, tables

    created = tables.create_missing(dynamo.client())
    if created:
        print(f"created tables: {', '.join(created)}", flush=True)


def _seed(only: Sequence[str] | None = None) -> int:
    from alpaco.bank.seed import seed_bank
    from alpaco.kernel.invoke import get_invoker
    from alpaco.services.problems import repository

    report = seed_bank(get_invoker(), repository, only=only)
    print(report.summary(), flush=True)
    return 0 if not report.failed else 1


class _Stopped(Exception):
    """Ctrl-C or SIGTERM: the operator's normal way to end `alpaco serve`."""


def _stop_on_signal(signum: int, frame: FrameType | None) -> None:
    raise _Stopped(signal.Signals(signum).name)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(args: argparse.Namespace) -> int:
    host, port, data_dir = args.host, args.port, Path(args.data_dir).resolve()
    dev_identity = os.environ.get("ALPACO_ENV", "local") == "local"
    if dev_identity and not _is_loopback(host) and not args.allow_dev_identity:
        # The dev identity provider signs anyone in as anyone: on a network address, that is anyone
        # who can reach the port.
        print(
            f"alpaco: refusing to serve the dev identity provider on {host}, which is not a "
            "loopback address; pass --allow-dev-identity to do it anyway.",
            file=sys.stderr,
        )
        return 2
    if port_in_use(host, port):
        print(
            f"alpaco: port {port} on {host} is already in use; pick another with --port.",
            file=sys.stderr,
        )
        return 2
    _local_environment(data_dir, host, port)
    import uvicorn

    from alpaco.gateway.server import build_local_app

    # uvicorn handles the signal while it runs, then re-raises it: it lands here, after a graceful
    # shutdown, and unwinds through _database so DynamoDB Local stops too.
    for stop_signal in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop_signal, _stop_on_signal)
    server: uvicorn.Server | None = None

    def give_up(reason: str) -> None:
        if server is not None:
            server.should_exit = True

    try:
        with _database(data_dir, give_up) as supervisor:
            from alpaco.services.problems import repository

            if not args.no_seed and not repository.has_bank_problems():
                print("seeding the problem bank (first start)...", flush=True)
                _seed()
            available = supervisor.available if supervisor is not None else None
            app = build_local_app(data_dir, store_available=available)
            config = uvicorn.Config(
                app, host=host, port=port, log_level="warning", timeout_graceful_shutdown=5
            )
            server = uvicorn.Server(config)
            print(f"ALPACO is running at http://{host}:{port} (Ctrl-C to stop)", flush=True)
            server.run()
            if supervisor is not None and supervisor.failure is not None:
                print(f"alpaco: {supervisor.failure}", file=sys.stderr)
                return 1
    except DynamoDBLocalError as exc:
        print(f"alpaco: {exc}", file=sys.stderr)
        return 1
    except _Stopped:
        pass
    print("ALPACO stopped.", flush=True)
    return 0


def seed(args: argparse.Namespace) -> int:
    data_dir = Path(args.data_dir).resolve()
    _local_environment(data_dir, "127.0.0.1", 8000)
    try:
        with _database(data_dir):
            return _seed(args.only or None)
    except DynamoDBLocalError as exc:
        print(f"alpaco: {exc}", file=sys.stderr)
        return 1


def token(args: argparse.Namespace) -> int:
    data_dir = Path(args.data_dir).resolve()
    _local_environment(data_dir, args.host, args.port)
    from alpaco.gateway.identity import DevUser, InvalidIdentity
    from alpaco.gateway.server import identity_provider

    try:
        user = DevUser.parse(
            {"username": args.username, "nickname": args.nickname, "groups": args.group or []}
        )
    except InvalidIdentity as exc:
        print(f"alpaco: {exc}", file=sys.stderr)
        return 2
    print(identity_provider(data_dir).issue(user))
    return 0


def sandbox_info(args: argparse.Namespace) -> int:
    from alpaco.services.executor.sandbox.probe import describe

    print(describe())
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="alpaco", description=__doc__)
    commands = root.add_subparsers(dest="command", required=True)

    run = commands.add_parser("serve", help="start DynamoDB Local and the gateway")
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--port", type=int, default=8000)
    run.add_argument("--data-dir", default=".alpaco")
    run.add_argument("--no-seed", action="store_true", help="do not seed an empty problem store")
    run.add_argument(
        "--allow-dev-identity",
        action="store_true",
        help="serve the dev identity provider on a non-loopback --host",
    )
    run.set_defaults(func=serve)

    bank = commands.add_parser("seed", help="verify the problem bank and store it")
    bank.add_argument("--data-dir", default=".alpaco")
    bank.add_argument("--only", nargs="*", help="bank ids to seed")
    bank.set_defaults(func=seed)

    dev = commands.add_parser("token", help="print a dev ID token")
    dev.add_argument("username")
    dev.add_argument("--nickname")
    dev.add_argument("--group", action="append")
    dev.add_argument("--host", default="127.0.0.1")
    dev.add_argument("--port", type=int, default=8000)
    dev.add_argument("--data-dir", default=".alpaco")
    dev.set_defaults(func=token)

    info = commands.add_parser("sandbox-info", help="show the executor's active sandbox layers")
    info.set_defaults(func=sandbox_info)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    code: int = args.func(args)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
