"""The page's own files: compressed from memory, and a file found once is not searched for again."""

import gzip
import os

from tornado.testing import AsyncHTTPTestCase
from tornado.web import Application, StaticFileHandler

from wijkteam_kit.app.statisch import Gecomprimeerd, gecomprimeerd

SCRIPT = b"console.log('wijkteam');\n" * 200  # large enough to be compressed


class Counting(StaticFileHandler):
    """Tornado's handler, counting how often it searches for a file."""

    searches = 0

    @classmethod
    def get_absolute_path(cls, root, path):
        Counting.searches += 1
        return super().get_absolute_path(root, path)


class PageFiles(AsyncHTTPTestCase):
    def setUp(self):
        import tempfile

        self.folder = tempfile.mkdtemp()
        self.root = os.path.join(self.folder, "static")
        os.mkdir(self.root)
        with open(os.path.join(self.root, "app.js"), "wb") as handle:
            handle.write(SCRIPT)
        with open(os.path.join(self.folder, "geheim.txt"), "w") as handle:
            handle.write("niet voor de browser")
        Gecomprimeerd._found.clear()
        Counting.searches = 0
        super().setUp()

    def get_app(self):
        return Application([(r"/static/(.*)", gecomprimeerd(Counting), {"path": self.root})])

    def fetch_file(self, name, gzip_ok=True):
        headers = {"Accept-Encoding": "gzip"} if gzip_ok else {}
        response = self.fetch(f"/static/{name}", headers=headers, decompress_response=False)
        body = response.body
        if response.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        return response, body

    def test_a_file_found_once_is_not_searched_for_again(self):
        for _ in range(3):
            response, body = self.fetch_file("app.js")
            assert response.code == 200 and body == SCRIPT
            assert response.headers["Content-Encoding"] == "gzip"
        response, body = self.fetch_file("app.js", gzip_ok=False)
        assert response.code == 200 and body == SCRIPT and "Content-Encoding" not in response.headers
        assert Counting.searches == 1

    def test_a_changed_file_is_sent_as_it_is_now(self):
        self.fetch_file("app.js")
        changed = b"console.log('nieuw');\n" * 300
        with open(os.path.join(self.root, "app.js"), "wb") as handle:
            handle.write(changed)
        for gzip_ok in (True, False):
            response, body = self.fetch_file("app.js", gzip_ok)
            assert response.code == 200 and body == changed
        assert Counting.searches == 2  # searched again once, then remembered anew

    def test_a_removed_file_is_gone(self):
        self.fetch_file("app.js")
        os.remove(os.path.join(self.root, "app.js"))
        response, _ = self.fetch_file("app.js")
        assert response.code == 404

    def test_what_fails_tornados_checks_is_refused_every_time(self):
        os.symlink(os.path.join(self.folder, "geheim.txt"), os.path.join(self.root, "link.txt"))
        for _ in range(2):
            for name in ("link.txt", "../geheim.txt", "%2e%2e/geheim.txt", "bestaat-niet.js"):
                response, body = self.fetch_file(name)
                assert response.code in (403, 404), (name, response.code)
                assert b"niet voor de browser" not in body
        assert not Gecomprimeerd._found
