"""Generates the protobuf and gRPC stubs from the repository's proto before packaging."""
import os

from setuptools import setup

HERE = os.path.dirname(os.path.abspath(__file__))
PROTO_ROOT = os.path.join(HERE, "..", "..", "proto")
PROTO_FILE = "textanalytics/v1/text_analytics.proto"
# Written beside the wrapper (and ignored by git), so the one `src` tree holds both packages.
GENERATED = os.path.join(HERE, "src")


def generate_stubs():
    from grpc_tools import protoc

    os.makedirs(os.path.join(GENERATED, "textanalytics", "v1"), exist_ok=True)
    for package in ("textanalytics", os.path.join("textanalytics", "v1")):
        open(os.path.join(GENERATED, package, "__init__.py"), "a").close()
    status = protoc.main(
        ["grpc_tools.protoc", f"-I{PROTO_ROOT}", f"--python_out={GENERATED}", f"--pyi_out={GENERATED}",
         f"--grpc_python_out={GENERATED}", os.path.join(PROTO_ROOT, PROTO_FILE)]
    )
    if status != 0:
        raise RuntimeError(f"protoc failed on {PROTO_FILE} (status {status})")


# Before setup(): package discovery must already see the generated `textanalytics` package.
generate_stubs()
setup()
