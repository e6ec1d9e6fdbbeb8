"""Parsing on a Dask cluster: the parser's pool, with each chunk of turns a task on a worker.

Parsing is nearly all of a build's work, and each chunk of turns is parsed on its own, so it is
what goes to the cluster; reading, extraction against the corpus's knowledge base and assembly
stay on the client, which gives the graph a local build gives.  Dask was chosen over Ray: it is
pure Python (one small install, no binary daemon), connects to an existing scheduler by its
address, and starts a local cluster of processes for trying it.  Every worker needs claimgraph
installed, with the same rules (checked with each task).

>>> pool = connect("local")            # doctest: +SKIP  (two worker processes on this machine)
>>> pool = connect("tcp://host:8786")  # doctest: +SKIP  (an existing cluster's scheduler)
"""

from __future__ import annotations

from extract.parser import ParsingStopped, TurnAnalysis, _parse
from extract.rules import load_rules

LOCAL_WORKERS = 2


class ClusterError(ParsingStopped):
    """The cluster could not be reached or started, or a worker cannot parse as the client would;
    ``str()`` says why in one line."""


def parse_on_worker(texts: list[str], rules_digest: str) -> list[TurnAnalysis]:
    """A task: parse some turns on a cluster worker, with the rules the client has."""
    here = load_rules().digest
    if here != rules_digest:
        raise ClusterError(f"a worker has other rules ({here}, the client {rules_digest}): "
                           "install the same claimgraph on every worker")
    return _parse(texts, rules_digest)


class ClusterPool:
    """What :class:`extract.parser.Parser` needs of an executor (``submit``, ``shutdown``), on a Dask
    client; ``close`` ends the client and a local cluster it started."""

    def __init__(self, client, cluster=None):
        self.client, self.cluster = client, cluster

    @property
    def workers(self) -> int:
        return max(1, len(self.client.scheduler_info().get("workers", {})))

    def submit(self, fn, *args):
        """A task on a worker: a Dask future (``result()``)."""
        fn = parse_on_worker if fn is _parse else fn
        return self.client.submit(fn, *args, pure=False)

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        """The parser is done with the pool; the cluster lives until :meth:`close`."""

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def connect(address: str) -> ClusterPool:
    """A pool on the Dask scheduler at ``address``, or on a local cluster of two worker processes
    (``"local"``, listening on the loopback interface only)."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise ClusterError("--cluster needs Dask: pip install 'claimgraph[cluster]'") from None
    try:
        if address == "local":
            cluster = LocalCluster(n_workers=LOCAL_WORKERS, threads_per_worker=1, processes=True,
                                   host="127.0.0.1", dashboard_address=None)
            return ClusterPool(Client(cluster), cluster)
        return ClusterPool(Client(address, timeout="20s"))
    except (OSError, TimeoutError) as e:
        raise ClusterError(f"cannot reach the Dask scheduler at {address} ({type(e).__name__}: {e})") from None
