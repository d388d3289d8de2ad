"""Delivering a message to the SMTP relay (the local mail catcher, or a real one)."""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, parseaddr

from notifications.adapters.mail_queue import OutgoingMail


@dataclass(frozen=True)
class SmtpRelay:
    host: str
    port: int
    mail_from: str
    username: str = ""
    password: str = ""
    starttls: bool = False
    timeout: float = 10.0

    def message(self, mail: OutgoingMail) -> EmailMessage:
        """Multipart/alternative: the text first, the HTML as the richer part."""
        message = EmailMessage()
        message["From"] = self.mail_from
        message["To"] = mail.to_address
        message["Subject"] = mail.subject
        message["Date"] = formatdate(localtime=False)
        message["Message-ID"] = mail.message_id
        message.set_content(mail.text_body)
        message.add_alternative(mail.html_body, subtype="html")
        return message

    def open(self) -> smtplib.SMTP:
        """One connection for a batch; raises OSError / SMTPException when the relay is down
        or refuses us."""
        connection = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        try:
            if self.starttls:
                connection.starttls()
            if self.username:
                connection.login(self.username, self.password)
        except BaseException:
            connection.close()
            raise
        return connection

    def send(self, connection: smtplib.SMTP, mail: OutgoingMail) -> None:
        envelope_from = parseaddr(self.mail_from)[1]
        connection.send_message(self.message(mail), from_addr=envelope_from)
