"""Generates the `crm` Python package from the .proto files while the package is built.

Install it as a normal (not editable) package: `pip install ./protos`. The Makefile reinstalls
it whenever a .proto file changes.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).parent.resolve()


class GenerateThenBuild(build_py):
    def run(self) -> None:
        import grpc_tools
        from grpc_tools import protoc

        out = Path(self.build_lib)
        out.mkdir(parents=True, exist_ok=True)
        protos = sorted(str(p.relative_to(HERE)) for p in (HERE / "crm").rglob("*.proto"))
        well_known = str(Path(grpc_tools.__file__).parent / "_proto")
        args = [
            "grpc_tools.protoc",
            f"-I{HERE}",
            f"-I{well_known}",
            f"--python_out={out}",
            f"--pyi_out={out}",
            f"--grpc_python_out={out}",
            *protos,
        ]
        if protoc.main(args) != 0:
            raise SystemExit("protoc failed")
        # Regular packages (with __init__.py) so that tools and type checkers find them.
        for folder in [out / "crm", *(p for p in (out / "crm").rglob("*") if p.is_dir())]:
            (folder / "__init__.py").touch()
        (out / "crm" / "py.typed").touch()
        super().run()


# Listing the packages makes setuptools run build_py (and so the generator) and ship them.
PACKAGES = sorted(
    ".".join(d.relative_to(HERE).parts)
    for d in [HERE / "crm", *(HERE / "crm").rglob("*")]
    if d.is_dir()
)

setup(
    packages=PACKAGES,
    cmdclass={"build_py": GenerateThenBuild},
)
