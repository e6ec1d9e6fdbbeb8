"""claimgraph's graph side: records in, graph out (schema, assembly, stores, queries, views, exports, CLI)."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("claimgraph")
except PackageNotFoundError:  # run from a checkout that was never installed
    __version__ = "0+unknown"
