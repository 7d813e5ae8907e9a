"""Serve a published site the way a sound static host does, to preview it or measure it.

    python -m layers.site_server site/ [--port 8000]

What it does is what ``README.txt`` in the site asks of a host:

* a file whose name carries its content hash (``assets/page-3fa9c2e1d0b4.js``)
  is cached for good: ``Cache-Control: public, max-age=31536000, immutable``;
  any other file (``index.html``) is revalidated: ``Cache-Control: no-cache``;
* a text file with a precompressed ``.gz`` beside it is sent compressed when
  the browser accepts gzip (``Content-Encoding: gzip``, ``Vary: Accept-Encoding``);
* a ``.json.gz`` file is sent as it is stored (``application/gzip``): the
  page unpacks it itself, so it is small on any host.
"""

from __future__ import annotations

import argparse
import contextlib
import http.server
import re
import sys
from functools import partial
from pathlib import Path
from typing import Any

HASHED = re.compile(r"-[0-9a-f]{12}\.")
FOR_GOOD = "public, max-age=31536000, immutable"


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with the caching and compression headers a published site needs."""

    extensions_map: dict[str, str] = {  # noqa: RUF012 (the base class's own mutable mapping)
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".json": "application/json",
        ".gz": "application/gzip",
    }

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        compressed = path.with_name(path.name + ".gz")
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if path.suffix != ".gz" and accepts_gzip and path.is_file() and compressed.is_file():
            return self.send_file(compressed, self.guess_type(str(path)), encoded=True)
        return super().send_head()

    def send_file(self, path: Path, content_type: str, *, encoded: bool) -> Any:
        handle = path.open("rb")
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(path.stat().st_size))
        if encoded:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        return handle

    def end_headers(self) -> None:
        name = Path(self.path.split("?", 1)[0].split("#", 1)[0]).name
        self.send_header("Cache-Control", FOR_GOOD if HASHED.search(name) else "no-cache")
        self.send_header("Vary", "Accept-Encoding")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: a preview server need not log every request."""


def make_server(folder: Path, port: int = 0, host: str = "127.0.0.1") -> http.server.ThreadingHTTPServer:
    """A server for ``folder`` on ``host:port`` (port 0: any free port); call ``serve_forever``."""
    handler = partial(SiteHandler, directory=str(folder))
    return http.server.ThreadingHTTPServer((host, port), handler)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a site written by `python -m geo publish`")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args(argv)
    server = make_server(args.folder, args.port, args.host)
    print(f"serving {args.folder} at http://{args.host}:{server.server_address[1]}/", file=sys.stderr)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
