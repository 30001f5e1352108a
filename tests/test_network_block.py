import socket

import pytest


def test_outbound_connections_are_blocked():
    with pytest.raises(OSError):
        socket.create_connection(("203.0.113.1", 80), timeout=1)
