"""A quiet local web server for a built site, on 127.0.0.1 and a free port (tests, benchmarks)."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # one line a request would drown the test and benchmark output
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` with http.server on 127.0.0.1; yield its base URL (ending in /)."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
