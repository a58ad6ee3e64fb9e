"""Python's sockets held to this machine during a test: a connection to any other host is
refused and kept, so a test can assert that building something asked no one else."""
from __future__ import annotations

import socket

LOCAL = ("127.0.0.1", "::1", "localhost")


def refuse_other_hosts(monkeypatch) -> list:
    """Patches socket.connect for the test; returns the list the refused addresses go into."""
    asked = []
    real_connect = socket.socket.connect

    def connect(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if host not in LOCAL and not str(host).startswith("/"):
            asked.append(address)
            raise OSError("no other host")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    return asked
