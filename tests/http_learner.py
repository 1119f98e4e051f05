"""A learner speaking plain HTTP to a real server: cookies, CSRF tokens, forms, no browser."""

import re
from functools import partial
from html import unescape
from http.client import HTTPConnection
from http.cookiejar import CookieJar
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import (
    HTTPCookieProcessor,
    HTTPHandler,
    HTTPRedirectHandler,
    Request,
    build_opener,
)

CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
ITEM = re.compile(r'name="item" type="hidden" value="(\d+)"')
STATEMENT = re.compile(r'<h([12]) class="statement" id="statement"[^>]*>(.*?)</h\1>', re.S)
PROGRESS = re.compile(r"Statement (\d+) of (\d+)")


class FromAddress(HTTPHandler):
    """Open connections from a given local address (any of 127.0.0.0/8 reaches a server on
    127.0.0.1), so tests can be several clients behind different addresses."""

    def __init__(self, address):
        super().__init__()
        self.address = address

    def http_open(self, req):
        return self.do_open(partial(HTTPConnection, source_address=(self.address, 0)), req)


class NoRedirect(HTTPRedirectHandler):
    """Hand redirects back to the caller instead of following them."""

    def redirect_request(self, *args, **kwargs):
        return None


class Learner:
    """One learner's browser, reduced to a cookie jar."""

    def __init__(self, base, address="127.0.0.1"):
        self.base = base
        self.jar = CookieJar()
        self.opener = build_opener(
            HTTPCookieProcessor(self.jar), NoRedirect(), FromAddress(address)
        )
        self.token = None

    def request(self, path, data=None):
        """GET (or POST form data); return (status, location, body)."""
        body = urlencode(data).encode() if data is not None else None
        request = Request(self.base + path, data=body)
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.headers.get("Location"), response.read().decode()
        except HTTPError as error:
            with error:
                return error.code, error.headers.get("Location"), error.read().decode()

    def csrf(self, path):
        """Load a page; return its body and CSRF token."""
        status, _, body = self.request(path)
        assert status == 200, (path, status)
        return body, CSRF.search(body).group(1)

    def log_in(self, username, password):
        """Log in as a teacher (this client is then the teacher's browser)."""
        _, token = self.csrf("/teacher/login")
        status, _, body = self.request(
            "/teacher/login", {"username": username, "password": password, "csrf_token": token}
        )
        assert status == 302, (status, body[:300])

    def join(self, code, name):
        """Join a class session with its code; remember the attempt's token."""
        _, token = self.csrf("/")
        status, location, body = self.request(
            "/join", {"code": code, "name": name, "csrf_token": token}
        )
        assert status == 302, (status, body[:300])
        self.token = location.rsplit("/a/", 1)[1]
        return self.token

    def question(self, position):
        """The question page at a position: (statement, item id, csrf token)."""
        body, token = self.csrf(f"/a/{self.token}/q/{position}")
        return unescape(STATEMENT.search(body).group(2).strip()), ITEM.search(body).group(1), token

    def answer(self, position, choice, confidence=None, item=None, token=None, evidence="0"):
        """Post an answer to the item at the position, marking a sentence of the article (the
        headline, by default) as its evidence; return (status, location, body)."""
        if item is None:
            _, item, token = self.question(position)
        data = {"item": item, "choice": choice, "csrf_token": token}
        if evidence is not None:
            data["evidence"] = evidence
        if confidence:
            data["confidence"] = str(confidence)
        return self.request(f"/a/{self.token}/q/{position}", data)

    def next_position(self):
        """Where the server sends this learner now: a position, or None at the results."""
        status, location, _ = self.request(f"/a/{self.token}")
        if status == 200:
            return 1  # the start page: nothing answered yet
        if location.endswith("/results"):
            return None
        return int(location.rsplit("/q/", 1)[1])
