"""A pytest of an uplink module's functions through anvilcheck's control API (docs/PYTHON.md).

Only the standard library talks to the control API. ANVILCHECK_CONTROL is serve mode's
'control:' address; serve mode runs with --fake-clock, and an uplink provides greet, whoami
(require_user=True), add_to_cart and fail_on_purpose.
"""
import json
import os
import urllib.request

import pytest

CONTROL = os.environ["ANVILCHECK_CONTROL"]


def control(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    headers = {"Content-Type": "application/json"} if data is not None else {}
    request = urllib.request.Request(CONTROL + path, data=data, method=method, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        text = response.read()
        return json.loads(text) if text else None


def call(caller, function, *args, **kwargs):
    return control("POST", f"/callers/{caller['id']}/calls",
                   {"function": function, "args": list(args), "kwargs": kwargs})


@pytest.fixture
def ann():
    """A browser with Ann logged in."""
    return control("POST", "/callers", {"kind": "browser", "user": {"email": "ann@example.com"}})


@pytest.fixture
def anonymous():
    """A browser nobody logged in on."""
    return control("POST", "/callers", {"kind": "browser"})


def test_a_logged_in_browser_calls_a_function_that_needs_a_user(ann):
    assert call(ann, "whoami") == {"outcome": "returned", "response": "ann@example.com", "objects": []}


def test_an_anonymous_browser_is_refused(anonymous):
    result = call(anonymous, "whoami")
    assert result["outcome"] == "raised"
    assert result["error"]["type"] == "anvil.users.AuthenticationFailed"


def test_arguments_cross_as_the_wire_sends_them(anonymous):
    assert call(anonymous, "greet", "Ann")["response"] == "Hello, Ann!"


def test_the_session_expires_when_the_clock_passes_its_timeout(anonymous):
    assert call(anonymous, "add_to_cart", "apple")["response"] == ["apple"]
    assert call(anonymous, "add_to_cart", "pear")["response"] == ["apple", "pear"]
    timeout = control("GET", "/clock")["sessionTimeoutMillis"]
    control("POST", "/clock/advance", {"millis": timeout + 1})
    result = call(anonymous, "add_to_cart", "plum")
    assert result["outcome"] == "raised"
    assert result["error"]["type"] == "anvil.server.SessionExpiredError"


def test_the_journal_records_each_call(ann):
    last = control("GET", "/journal?limit=1")["last"]
    call(ann, "greet", "Bob")
    call(ann, "fail_on_purpose", 7)
    calls = control("GET", f"/journal?after={last}")["calls"]
    assert [(c["function"], c["outcome"]) for c in calls] == [("greet", "returned"), ("fail_on_purpose", "raised")]
    assert calls[0]["arguments"]["args"] == ["Bob"]
    assert calls[0]["caller"] == "browser"
    assert calls[0]["user"] == {"email": "ann@example.com"}
    assert calls[1]["error"]["type"] == "ValueError"
