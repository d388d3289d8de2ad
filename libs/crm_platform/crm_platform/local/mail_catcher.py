"""A local mail catcher: a real SMTP server (aiosmtpd) on loopback that keeps every message
it receives as one file of a Maildir, so that `make up` and the tests send real mail without
a relay and anyone can read what went out (`ls var/mail/new/`, any mail client).

`python -m crm_platform.local.mail_catcher` serves on 127.0.0.1:1025 (`MAIL_CATCHER_PORT`,
else `SMTP_PORT`, the port the CRM sends to) and stores under `MAIL_CATCHER_DIR` (default
var/mail); `--host`, `--port` and `--dir` override them. It accepts
any sender and recipient and never relays: it is for development and tests only. aiosmtpd
comes with the notifications service (its pyproject), the only part that sends mail.
"""

from __future__ import annotations

import argparse
import logging
import mailbox
import os
import signal
import socket
import threading
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope, Session

log = logging.getLogger(__name__)

DEFAULT_DIR = "var/mail"


class MaildirHandler:
    """aiosmtpd's DATA handler: one Maildir file per message, written atomically by mailbox
    (tmp/ then renamed into new/), so a reader never sees half a message."""

    def __init__(self, directory: Path) -> None:
        self.maildir = mailbox.Maildir(directory, create=True)
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session: Session, envelope: Envelope) -> str:  # noqa: N802
        content = envelope.original_content or envelope.content
        data = content if isinstance(content, bytes) else content.encode()
        with self._lock:
            key = self.maildir.add(data)
        log.info("mail from %s to %s kept as %s", envelope.mail_from, envelope.rcpt_tos, key)
        return "250 Message accepted for delivery"


class MailCatcher:
    """`with MailCatcher(dir, port=0) as catcher:` — serves in a thread; `catcher.port` is the
    port it listens on, `catcher.messages()` what it has kept."""

    def __init__(self, directory: Path | str, host: str = "127.0.0.1", port: int = 1025) -> None:
        self.directory = Path(directory)
        self.handler = MaildirHandler(self.directory)
        self._controller = Controller(self.handler, hostname=host, port=port)

    @property
    def host(self) -> str:
        return self._controller.hostname

    @property
    def port(self) -> int:
        return self._controller.port

    def start(self) -> MailCatcher:
        if self._controller.port == 0:
            # aiosmtpd needs a real port to check it is up: take a free one first.
            self._controller.port = _free_port(self._controller.hostname)
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()

    def __enter__(self) -> MailCatcher:
        return self.start()

    def __exit__(self, *_exc) -> None:
        self.stop()

    def files(self) -> list[Path]:
        """The message files in new/, oldest first."""
        new = self.directory / "new"
        return sorted(new.iterdir(), key=lambda p: p.stat().st_mtime_ns) if new.exists() else []

    def messages(self) -> list[EmailMessage]:
        return [
            message_from_bytes(path.read_bytes(), policy=policy.default)  # type: ignore[misc]
            for path in self.files()
        ]


def _free_port(host: str) -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description="A local SMTP server keeping mail in a Maildir")
    parser.add_argument("--host", default=os.environ.get("MAIL_CATCHER_HOST", "127.0.0.1"))
    # By default where the CRM sends (SMTP_PORT), so one variable moves both ends.
    port = os.environ.get("MAIL_CATCHER_PORT") or os.environ.get("SMTP_PORT") or "1025"
    parser.add_argument("--port", type=int, default=int(port))
    parser.add_argument("--dir", default=os.environ.get("MAIL_CATCHER_DIR", DEFAULT_DIR))
    args = parser.parse_args()
    logging.basicConfig(level="INFO", format="%(asctime)s mail-catcher %(message)s")
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    with MailCatcher(args.dir, args.host, args.port) as catcher:
        log.info("catching mail on %s:%d into %s/new", catcher.host, catcher.port, args.dir)
        stop.wait()


if __name__ == "__main__":
    main()
