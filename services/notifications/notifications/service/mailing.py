"""Settings the service layer needs to write e-mails (their links, their sender)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mailing:
    web_base_url: str = "http://127.0.0.1:8080"
    mail_from: str = "CRM <crm@crm.localhost>"

    def url(self, path: str) -> str:
        return self.web_base_url.rstrip("/") + (path or "/")

    @property
    def settings_url(self) -> str:
        return self.url("/notifications/settings")
