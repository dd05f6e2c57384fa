"""The apps' kernel websocket without Nagle's delay, with ``serve`` and on a hub (the behaviour is timed through a
real server in ``tests/test_serve.py::test_kernel_messages_reach_the_page_without_nagle_delay``)."""

from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection

from wijkteam_kit.app.hubpagina import _load_jupyter_server_extension
from wijkteam_kit.app.verbinding import DirecteVerbinding, zonder_vertraging


class _WebApp:
    def __init__(self, connection_class):
        self.settings = {"base_url": "/user/kim/", "kernel_websocket_connection_class": connection_class}
        self.handlers = []

    def add_handlers(self, host, rules):
        self.handlers += rules


class _ServerApp:
    def __init__(self, connection_class):
        self.web_app = _WebApp(connection_class)


def test_the_hub_extension_uses_the_direct_connection():
    serverapp = _ServerApp(ZMQChannelsWebsocketConnection)
    _load_jupyter_server_extension(serverapp)
    assert serverapp.web_app.settings["kernel_websocket_connection_class"] is DirecteVerbinding
    assert serverapp.web_app.handlers[0][0] == "/user/kim/wijkteam"


def test_a_connection_class_configured_by_the_administrator_is_left_alone():
    class Eigen(ZMQChannelsWebsocketConnection):
        pass

    settings = {"kernel_websocket_connection_class": Eigen}
    zonder_vertraging(settings)
    assert settings["kernel_websocket_connection_class"] is Eigen
    settings = {}
    zonder_vertraging(settings)
    assert settings["kernel_websocket_connection_class"] is DirecteVerbinding


def test_connecting_switches_nagle_off_first(monkeypatch):
    order = []

    class Handler:
        def set_nodelay(self, value):
            order.append(("nodelay", value))

    monkeypatch.setattr(ZMQChannelsWebsocketConnection, "connect", lambda self: order.append("connect") or "ok")
    connection = DirecteVerbinding.__new__(DirecteVerbinding)  # no kernel: only the order of the two steps
    monkeypatch.setattr(DirecteVerbinding, "websocket_handler", Handler(), raising=False)
    assert connection.connect() == "ok"
    assert order == [("nodelay", True), "connect"]
