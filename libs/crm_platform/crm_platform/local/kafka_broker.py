"""A single-node Apache Kafka broker in KRaft mode, run from the official jars as a local JVM.

The jars are resolved by Maven from tools/kafka/pom.xml into a classpath file (see the Makefile).
The data directory is formatted once; later starts reuse it, so topics and events persist.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from crm_platform.kafka_clients import broker_answers

log = logging.getLogger(__name__)

_LOG4J2 = """\
status = warn
appender.console.type = Console
appender.console.name = STDOUT
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = {level}
rootLogger.appenderRef.stdout.ref = STDOUT
"""


@dataclass(frozen=True)
class BrokerConfig:
    data_dir: Path
    classpath_file: Path
    host: str = "127.0.0.1"
    port: int = 9092
    controller_port: int = 9093
    log_level: str = "WARN"
    heap: str = "512m"

    @property
    def bootstrap_servers(self) -> str:
        return f"{self.host}:{self.port}"


def _server_properties(cfg: BrokerConfig) -> str:
    # Single node: one replica of everything, and no time-based deletion, because reporting
    # rebuilds its read models by replaying every topic from the beginning.
    return f"""\
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers={cfg.host}:{cfg.controller_port}
listeners=PLAINTEXT://{cfg.host}:{cfg.port},CONTROLLER://{cfg.host}:{cfg.controller_port}
advertised.listeners=PLAINTEXT://{cfg.host}:{cfg.port},CONTROLLER://{cfg.host}:{cfg.controller_port}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs={cfg.data_dir / "log"}
num.partitions=3
offsets.topic.replication.factor=1
offsets.topic.num.partitions=3
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
log.retention.ms=-1
log.retention.bytes=-1
"""


class KafkaBroker:
    """Formats (once), starts and stops one broker process."""

    def __init__(self, cfg: BrokerConfig) -> None:
        self.cfg = cfg
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def bootstrap_servers(self) -> str:
        return self.cfg.bootstrap_servers

    def _java_command(self, main_class: str, *args: str) -> list[str]:
        java = shutil.which("java")
        if java is None:
            raise RuntimeError("java not found: install a JDK 17 to run the Kafka broker")
        classpath = self.cfg.classpath_file.read_text().strip()
        return [
            java,
            f"-Xmx{self.cfg.heap}",
            f"-Xms{self.cfg.heap}",
            "-XX:+UseG1GC",
            "-XX:TieredStopAtLevel=1",  # a dev broker starts faster without the C2 compiler
            f"-Dlog4j2.configurationFile={self.cfg.data_dir / 'log4j2.properties'}",
            "-cp",
            classpath,
            main_class,
            *args,
        ]

    def prepare(self) -> Path:
        """Write the configuration and format the storage if it has never been formatted."""
        if not self.cfg.classpath_file.exists():
            raise RuntimeError(
                f"{self.cfg.classpath_file} is missing: run `make kafka-jars` to fetch the broker"
            )
        self.cfg.data_dir.mkdir(parents=True, exist_ok=True)
        props = self.cfg.data_dir / "server.properties"
        props.write_text(_server_properties(self.cfg))
        (self.cfg.data_dir / "log4j2.properties").write_text(
            _LOG4J2.format(level=self.cfg.log_level.lower())
        )
        if not (self.cfg.data_dir / "log" / "meta.properties").exists():
            cluster_id = _kafka_uuid()
            subprocess.run(
                self._java_command(
                    "kafka.tools.StorageTool",
                    "format",
                    "--standalone",
                    "--ignore-formatted",
                    # One argument: an id that starts with "-" (1 in 64) would read as a flag.
                    f"--cluster-id={cluster_id}",
                    "-c",
                    str(props),
                ),
                check=True,
                stdout=subprocess.DEVNULL,
            )
        return props

    def command(self) -> list[str]:
        return self._java_command("kafka.Kafka", str(self.prepare()))

    def start(self, timeout: float = 90.0, stdout=None) -> None:
        cmd = self.command()
        log.info("starting kafka broker on %s", self.bootstrap_servers)
        self._proc = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.STDOUT)
        self.wait_ready(timeout)

    def wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._proc is not None and self._proc.poll() is not None:
                raise RuntimeError(f"kafka broker exited with code {self._proc.returncode}")
            if broker_answers(self.bootstrap_servers):
                return
            time.sleep(0.2)
        raise TimeoutError(f"kafka broker not ready on {self.bootstrap_servers} in {timeout}s")

    def stop(self, timeout: float = 30.0) -> None:
        if self._proc is None or self._proc.poll() is not None:
            return
        self._proc.send_signal(signal.SIGTERM)
        try:
            self._proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()

    def kill(self) -> None:
        """Stop the broker abruptly, as a crash would."""
        if self._proc is not None and self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()


def _kafka_uuid() -> str:
    """A cluster id in Kafka's own form: 16 random bytes, URL-safe base64, no padding."""
    import base64

    return base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")


def main() -> None:
    """`python -m crm_platform.local.kafka_broker`: run the broker in the foreground (Procfile)."""
    data_dir = Path(os.environ.get("KAFKA_DATA_DIR", "var/kafka"))
    cfg = BrokerConfig(
        data_dir=data_dir.resolve(),
        classpath_file=Path(os.environ.get("KAFKA_CLASSPATH_FILE", "build/kafka.classpath")),
        port=int(os.environ.get("KAFKA_PORT", "9092")),
        controller_port=int(os.environ.get("KAFKA_CONTROLLER_PORT", "9093")),
        log_level=os.environ.get("KAFKA_LOG_LEVEL", "WARN"),
    )
    broker = KafkaBroker(cfg)
    # exec: the process runner signals the JVM directly and sees its exit code.
    cmd = broker.command()
    os.execv(cmd[0], cmd)


if __name__ == "__main__":
    main()
