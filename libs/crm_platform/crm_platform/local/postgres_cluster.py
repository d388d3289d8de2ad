"""A throwaway PostgreSQL cluster run as a local process, for tests and for a database by hand.

    with PostgresCluster() as pg:
        url = pg.create_database("sales")  # postgresql+psycopg://postgres@127.0.0.1:PORT/sales

Everything (data, unix socket, server log) lives in one temporary directory that `stop()`
removes. Authentication is `trust` and the server listens on 127.0.0.1 only, on a free port.
By hand: `python -m crm_platform.local.postgres_cluster sales marketing` prints the URLs and
keeps the cluster until Ctrl-C.
"""

from __future__ import annotations

import atexit
import fcntl
import logging
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from types import TracebackType
from typing import Self
from urllib.parse import quote

log = logging.getLogger(__name__)

# The system account the Debian package creates; the server refuses to run as root.
POSTGRES_USER = "postgres"

# Settings a throwaway cluster can afford: losing it on a crash costs nothing.
_SETTINGS = {
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    # Every service and the gateway keep a connection pool in one cluster per test session.
    "max_connections": "200",
}


def _find_bindir() -> Path | None:
    pg_config = shutil.which("pg_config")
    if pg_config:
        # libpq-dev ships its own pg_config, whose bindir need not hold the server binaries.
        result = subprocess.run(
            [pg_config, "--bindir"], capture_output=True, text=True, check=False
        )
        bindir = Path(result.stdout.strip())
        if result.returncode == 0 and _is_server_bindir(bindir):
            return bindir
    debian = [p for p in Path("/usr/lib/postgresql").glob("*/bin") if _is_server_bindir(p)]
    if debian:
        return max(debian, key=lambda p: _version_key(p.parent.name))
    initdb = shutil.which("initdb")
    if initdb:
        # Resolved, because pg_ctl and postgres sit beside the real initdb, not its symlink.
        return Path(initdb).resolve().parent
    return None


def _is_server_bindir(bindir: Path) -> bool:
    return all((bindir / tool).is_file() for tool in ("initdb", "pg_ctl", "postgres"))


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version))


def ensure_postgres_installed() -> Path:
    """The directory of the server binaries, installing Debian's `postgresql` when root may."""
    bindir = _find_bindir()
    if bindir is not None:
        return bindir
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        raise RuntimeError(
            "PostgreSQL server binaries not found (no pg_config, /usr/lib/postgresql/*/bin or "
            "initdb on PATH): install them, e.g. `apt-get install postgresql`, and retry"
        )
    # Parallel test workers may all get here; apt would refuse the second one its lock.
    with open(Path(tempfile.gettempdir()) / "crm-postgres-install.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        bindir = _find_bindir()
        if bindir is None:
            log.warning("PostgreSQL not found: installing Debian's postgresql package")
            env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
            subprocess.run(["apt-get", "update"], check=True, env=env)
            subprocess.run(
                ["apt-get", "install", "-y", "--no-install-recommends", "postgresql"],
                check=True,
                env=env,
            )
            bindir = _find_bindir()
    if bindir is None:
        raise RuntimeError("installed postgresql, yet its server binaries are still not found")
    return bindir


class PostgresCluster:
    """initdb into a temporary directory, run the server on a free port, remove it all on stop."""

    host = "127.0.0.1"

    def __init__(self, base_dir: Path | None = None, start_timeout: float = 60.0) -> None:
        # base_dir: where the temporary directory goes (default: the system's); when running as
        # root it must be reachable by the postgres user, so not under /root.
        self._base_dir = base_dir
        self._start_timeout = start_timeout
        self._root: Path | None = None
        self._port: int | None = None
        self._bindir: Path | None = None

    # --- lifecycle -------------------------------------------------------------------------

    def start(self) -> None:
        if self._root is not None:
            raise RuntimeError("cluster already started")
        self._bindir = ensure_postgres_installed()
        self._root = Path(tempfile.mkdtemp(prefix="crm-pg-", dir=self._base_dir))
        try:
            self.socket_dir.mkdir()
            if os.geteuid() == 0:
                account = _postgres_account()
                for path in (self._root, self.socket_dir):
                    os.chown(path, account.pw_uid, account.pw_gid)
            self._run(
                "initdb",
                "-D", str(self.data_dir),
                "-A", "trust",
                "-U", POSTGRES_USER,
                "-E", "UTF8",
                "--no-locale",  # C collation: same sort order on every machine
                "--no-sync",
            )  # fmt: skip
            self._write_settings()
            self._start_server()
        except BaseException:
            self._remove_root()
            raise
        # A test run that dies without its fixture teardown still stops the server.
        atexit.register(self.stop)
        log.info("postgres cluster ready on %s:%s (%s)", self.host, self._port, self._root)

    def stop(self) -> None:
        """Stop the server (fast shutdown: open sessions are cut) and remove its directory."""
        if self._root is None:
            return
        atexit.unregister(self.stop)
        try:
            if (self.data_dir / "postmaster.pid").exists():
                self._run("pg_ctl", "stop", "-D", str(self.data_dir), "-m", "fast", "-w")
        except subprocess.CalledProcessError as exc:
            log.warning("pg_ctl stop failed, stopping immediately: %s", exc.stderr)
            self._run("pg_ctl", "stop", "-D", str(self.data_dir), "-m", "immediate", check=False)
        finally:
            self._remove_root()
            self._port = None
        log.info("postgres cluster stopped")

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # --- use -------------------------------------------------------------------------------

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("cluster not started")
        return self._port

    @property
    def root(self) -> Path:
        if self._root is None:
            raise RuntimeError("cluster not started")
        return self._root

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root / "socket"

    @property
    def log_file(self) -> Path:
        return self.root / "postgres.log"

    def url(self, name: str = "postgres") -> str:
        """The SQLAlchemy URL of database `name` (psycopg 3 driver, trusted `postgres` user)."""
        database = quote(name, safe="")
        return f"postgresql+psycopg://{POSTGRES_USER}@{self.host}:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """Create database `name` and return its SQLAlchemy URL."""
        import psycopg
        from psycopg import sql

        # CREATE DATABASE cannot run inside a transaction block, hence autocommit.
        with psycopg.connect(
            host=self.host, port=self.port, user=POSTGRES_USER, dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        log.debug("created database %s", name)
        return self.url(name)

    # --- internals -------------------------------------------------------------------------

    def _write_settings(self) -> None:
        lines = [
            f"listen_addresses = '{self.host}'",
            # Our own socket directory: the system one (/var/run/postgresql) may be missing or
            # belong to a system cluster.
            f"unix_socket_directories = '{self.socket_dir}'",
            *(f"{key} = {value}" for key, value in _SETTINGS.items()),
        ]
        with (self.data_dir / "postgresql.conf").open("a") as conf:
            conf.write("\n# crm_platform.local.postgres_cluster\n" + "\n".join(lines) + "\n")

    def _start_server(self, attempts: int = 3) -> None:
        # The free port is found by binding port 0 and closing the socket, so another process
        # can take it before the server binds: try again with a fresh port when that happens.
        for attempt in range(1, attempts + 1):
            self._port = _free_port(self.host)
            result = self._run(
                "pg_ctl", "start",
                "-D", str(self.data_dir),
                "-l", str(self.log_file),
                "-o", f"-p {self._port}",
                "-w", "-t", str(int(self._start_timeout)),
                check=False,
            )  # fmt: skip
            if result.returncode == 0:
                return
            server_log = self.log_file.read_text(errors="replace") if self.log_file.exists() else ""
            if "could not bind" in server_log and attempt < attempts:
                log.info("port %s was taken, retrying", self._port)
                continue
            raise RuntimeError(
                f"postgres did not start (pg_ctl exit {result.returncode}): "
                f"{result.stderr.strip()}\n{server_log[-4000:]}"
            )

    def _run(self, tool: str, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        assert self._bindir is not None and self._root is not None
        cmd = [str(self._bindir / tool), *args]
        if os.geteuid() == 0:
            cmd = ["runuser", "-u", POSTGRES_USER, "--", *cmd]
        # cwd: as the postgres user, the caller's directory (often /root) may be unreadable.
        # pg_ctl sends the server's output to the log file, so these pipes close when it returns.
        result = subprocess.run(cmd, cwd=self._root, capture_output=True, text=True, check=False)
        if check and result.returncode != 0:
            raise subprocess.CalledProcessError(
                result.returncode, cmd, result.stdout, result.stderr
            )
        return result

    def _remove_root(self) -> None:
        if self._root is not None:
            shutil.rmtree(self._root, ignore_errors=True)
            self._root = None


def _postgres_account() -> pwd.struct_passwd:
    try:
        return pwd.getpwnam(POSTGRES_USER)
    except KeyError:
        raise RuntimeError(
            f"running as root, but there is no {POSTGRES_USER!r} system user to run the server as "
            "(Debian's postgresql package creates it)"
        ) from None


def _free_port(host: str) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def main(argv: list[str] | None = None) -> None:
    """Start a cluster, create the databases named on the command line, wait for Ctrl-C."""
    import contextlib
    import signal
    import sys
    import threading

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    names = sys.argv[1:] if argv is None else argv
    # A process runner stops us with SIGTERM: unwind the same way as Ctrl-C, removing the data.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with PostgresCluster() as cluster:
        for name in names:
            print(f"{name}: {cluster.create_database(name)}", flush=True)
        print(f"admin: {cluster.url()}  (Ctrl-C to stop and delete)", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
