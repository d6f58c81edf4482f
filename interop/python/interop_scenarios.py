#!/usr/bin/env python3
"""The interop harness's scenarios, played with the official Python uplink client.

Run by the harness (interop/run), never imported by the project's build. It connects to serve
mode with `anvil.server.connect(key, url=...)`, plays every scenario of one key kind ("server":
a server uplink key, which provides the uplink-side functions and endpoints below; "client": a
client uplink key, which provides nothing) and prints one line per scenario on standard output:

    RESULT {"id": "<scenario id>", "outcome": {...}}

The outcome is written with `tv`, which describes values exactly as the Java side's
dev.anvilcheck.interop.probe.Describe does, so that the harness can compare the two as JSON. The
Java side of every scenario is dev.anvilcheck.interop.JavaScenarios; a scenario's id names the
same steps on both sides.
"""

import argparse
import base64
import datetime
import hashlib
import json
import math
import os
import struct
import sys
import time
import traceback
import types
import urllib.error
import urllib.request

ANY = "<ANY>"  # stands for Capability.ANY in patterns sent to the probe module


def load_client(path):
    """Puts the official client at `path` (uplink/python of an anvil-runtime checkout) on sys.path.

    anvil/_components.py is, in the open-source repository, a link to a generated file
    (doc/dist/_components.py) that the repository does not contain; it defines only the
    client-side UI component classes. When the link is dangling, an empty module stands in for it,
    so that `import anvil` works; nothing the uplink does uses it.
    """
    sys.path.insert(0, path)
    components = os.path.join(path, "anvil", "_components.py")
    if not os.path.exists(components):
        sys.modules["anvil._components"] = types.ModuleType("anvil._components")
    import anvil.server  # noqa: F401


# ------------------------------------------------------------------ describing values


def pattern(length, seed):
    """The deterministic content of a test Media: as Describe.pattern on the Java side."""
    return bytes(((i * 31 + seed) % 251) for i in range(length))


def offset_text(delta):
    total = int(delta.total_seconds())
    sign = "-" if total < 0 else "+"
    total = abs(total)
    return "%s%02d:%02d" % (sign, total // 3600, total % 3600 // 60)


def tv(v):
    """The typed description of a Python value (see Describe.value on the Java side)."""
    import anvil
    import anvil.server
    if v is None:
        return {"t": "none"}
    if isinstance(v, bool):
        return {"t": "bool", "v": v}
    if isinstance(v, int):
        return {"t": "int", "v": str(v)}
    if isinstance(v, float):
        if math.isnan(v):
            return {"t": "float", "v": "nan"}
        if math.isinf(v):
            return {"t": "float", "v": "inf" if v > 0 else "-inf"}
        return {"t": "float", "bits": struct.pack(">d", v).hex()}
    if isinstance(v, str):
        return {"t": "str", "v": v}
    if isinstance(v, tuple):
        return {"t": "tuple", "v": [tv(x) for x in v]}
    if isinstance(v, list):
        return {"t": "list", "v": [tv(x) for x in v]}
    if isinstance(v, dict):
        return {"t": "dict", "v": {str(k): tv(x) for k, x in v.items()}}
    if isinstance(v, datetime.datetime):
        off = v.utcoffset()
        local = "%04d-%02d-%02dT%02d:%02d:%02d.%06d" % (v.year, v.month, v.day, v.hour, v.minute, v.second,
                                                        v.microsecond)
        return {"t": "datetime", "v": local, "offset": None if off is None else offset_text(off)}
    if isinstance(v, datetime.date):
        return {"t": "date", "v": "%04d-%02d-%02d" % (v.year, v.month, v.day)}
    if isinstance(v, anvil.Media):
        b = v.get_bytes()
        return {"t": "media", "content_type": v.content_type, "name": v.name, "length": len(b),
                "sha256": hashlib.sha256(b).hexdigest()}
    if isinstance(v, anvil.server.Capability):
        return {"t": "capability", "scope": tv(v.scope)}
    if isinstance(v, BaseException):
        # the wire type only where the class does not say it: a plain AnvilWrappedError (ERR-02)
        obj = getattr(v, "error_obj", None) if type(v) is anvil.server.AnvilWrappedError else None
        message = v.args[0] if v.args and isinstance(v.args[0], str) else str(v)
        if isinstance(v, anvil.server.AnvilWrappedError):
            message = v.message
        return {"t": "error", "class": type(v).__name__,
                "wire_type": obj.get("type") if isinstance(obj, dict) else None, "message": message}
    if hasattr(v, "get_termination_status") and hasattr(v, "get_id"):
        return {"t": "task"}
    info = getattr(type(v), "SERIALIZATION_INFO", None)
    if info is not None:
        return {"t": "portable", "name": info[0], "fields": tv(dict(v.__dict__))}
    return {"t": "other", "v": repr(v)}


def typed(fn):
    """{"result": tv(fn())}, or {"raised": tv(error)}."""
    try:
        return {"result": tv(fn())}
    except Exception as e:
        return {"raised": tv(e)}


def raw(fn):
    """{"result": fn()} for a result made of plain JSON values, or {"raised": tv(error)}."""
    try:
        return {"result": fn()}
    except Exception as e:
        return {"raised": tv(e)}


def ctx_of(c):
    """anvil.server.context described as Probes.contextOf describes a CallContext."""
    def frame(f):
        return None if f is None else {"type": f.type, "is_trusted": bool(f.is_trusted)}
    client = getattr(c, "client", None)
    return {"type": c.type, "client_type": None if client is None else client.type,
            "remote_caller": frame(getattr(c, "remote_caller", None)),
            "has_background_task_id": getattr(c, "background_task_id", None) is not None,
            "call_stack": [frame(f) for f in (getattr(c, "call_stack", None) or [])]}


def error_of(kind, message):
    import anvil.server
    if kind == "ValueError":
        return ValueError(message)
    if kind == "KeyError":
        return KeyError(message)
    if kind == "RuntimeError":
        return RuntimeError(message)
    if kind == "PermissionDenied":
        return anvil.server.PermissionDenied(message)
    if kind == "ProbeError":
        return ProbeError(message)
    return Exception(message)


ProbeError = None
Point = None


def define_shared_types():
    """The portable class and the error type that every side registers (Point, ProbeError)."""
    global ProbeError, Point
    import anvil.server

    class _ProbeError(anvil.server.AnvilWrappedError):
        pass
    _ProbeError.__name__ = "ProbeError"
    anvil.server._register_exception_type("interop.ProbeError", _ProbeError)
    ProbeError = _ProbeError

    @anvil.server.portable_class("interop.Point")
    class _Point(object):
        def __init__(self, x, y):
            self.x = x
            self.y = y
    Point = _Point


def define_uplink_functions():
    """The functions and endpoints a server-key uplink provides (JavaScenarios.registerUplinkSide)."""
    import anvil
    import anvil.server

    @anvil.server.callable("shadowed")
    def shadowed():
        return "uplink"

    @anvil.server.callable
    def up_echo(v):
        return v

    @anvil.server.callable
    def up_context(_ignored=None):
        return ctx_of(anvil.server.context)

    @anvil.server.callable
    def up_call_back(_ignored=None):
        return anvil.server.call("context_info")

    @anvil.server.callable
    def up_session_id(_ignored=None):
        return anvil.server.get_session_id()

    @anvil.server.callable
    def up_session_write(value):
        anvil.server.session["written"] = value
        return "written"

    @anvil.server.callable
    def up_cookie_read(_ignored=None):
        return anvil.server.cookies.local.get("interop")

    @anvil.server.callable
    def up_cap_scope(cap):
        return cap.scope

    @anvil.server.callable
    def up_cap_send_update(cap):
        cap.send_update({"n": 1})
        cap.send_update({"m": 2})
        return cap.scope

    @anvil.server.callable
    def up_raise(spec):
        raise error_of(spec[0], spec[1])

    @anvil.server.callable
    def up_media_info(m):
        return tv(m)

    @anvil.server.callable
    def up_make_media(length):
        return anvil.BlobMedia("application/x-interop", pattern(length, 5), name="from-uplink.bin")

    @anvil.server.callable
    def up_bounce(depth):
        return anvil.server.call("bounce", "up_bounce", depth)

    @anvil.server.callable
    def up_describe(v):
        return tv(v)

    @anvil.server.callable
    def up_describe_call(*args, **kwargs):
        return {"args": tv(list(args)), "kwargs": tv(kwargs)}

    @anvil.server.callable
    def up_cap_bad_updates(cap):
        cap.send_update("replace")
        cap.send_update({"a": 1})
        return cap.scope

    @anvil.server.background_task
    def up_task_context():
        return ctx_of(anvil.server.context)

    @anvil.server.wellknown_endpoint("/interop-wk")
    def wellknown(**kwargs):
        return {"path": anvil.server.request.path, "caller": anvil.server.context.remote_caller.type}

    @anvil.server.background_task
    def up_task(n):
        anvil.server.task_state["n"] = n
        return {"plus100": n + 100}

    @anvil.server.http_endpoint("/interop/items/:id")
    def items(id, **kwargs):
        r = anvil.server.request
        c = anvil.server.context
        body = r.body
        return {"id": id, "kwargs": kwargs, "method": r.method, "path": r.path,
                "query": r.query_params, "form": r.form_params, "body_json": r.body_json,
                "body_length": None if body is None else len(body.get_bytes()),
                "caller": c.remote_caller.type, "trusted": c.remote_caller.is_trusted,
                "client": None if c.client is None else c.client.type}

    @anvil.server.http_endpoint("/interop/only-get", methods=["GET"])
    def only_get(**kwargs):
        return "only GET"

    @anvil.server.http_endpoint("/interop/response")
    def response(**kwargs):
        return anvil.server.HttpResponse(201, "created", headers={"X-Interop": "yes"})

    @anvil.server.http_endpoint("/interop/media")
    def media(**kwargs):
        return anvil.BlobMedia("image/png", pattern(100000, 9), name="p.png")

    @anvil.server.http_endpoint("/interop/raise")
    def raising(**kwargs):
        raise ValueError("endpoint failed")

    @anvil.server.http_endpoint("/interop/secret", require_credentials=True)
    def secret(**kwargs):
        r = anvil.server.request
        return {"username": r.username, "password": r.password}

    @anvil.server.route("/interop-route/:name")
    def routed(name, **kwargs):
        return {"name": name, "path": anvil.server.request.path}

    @anvil.server.http_endpoint("/interop/cors", methods=["GET"], enable_cors=True)
    def cors(**kwargs):
        return "cors"


# ------------------------------------------------------------------ HTTP


class Http(object):
    """A small HTTP client for the endpoint scenarios; the Java side sends the same requests."""

    def __init__(self, api):
        self.api = api  # http://127.0.0.1:PORT/_/api
        self.origin = api[:-len("/_/api")]

    def request(self, method, path, body=None, headers=None, root=False, body_digest=False):
        url = (self.origin if root else self.api) + path
        req = urllib.request.Request(url, data=body, method=method)
        for k, v in (headers or {}).items():
            req.add_header(k, v)
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                status, hdrs, data = resp.status, resp.headers, resp.read()
        except urllib.error.HTTPError as e:
            status, hdrs, data = e.code, e.headers, e.read()
        out = {"status": status, "content_type": hdrs.get("Content-Type")}
        for name in ("Allow", "WWW-Authenticate", "X-Interop", "Content-Disposition", "Access-Control-Allow-Origin",
                     "Access-Control-Allow-Headers"):
            if hdrs.get(name) is not None:
                out[name.lower()] = hdrs.get(name)
        if body_digest:
            out["body_length"] = len(data)
            out["body_sha256"] = hashlib.sha256(data).hexdigest()
        else:
            text = data.decode("utf-8")
            try:
                out["body_json"] = json.loads(text)
            except ValueError:
                out["body"] = text
        return out


# ------------------------------------------------------------------ scenarios

SCENARIOS = []


def scenario(id, mode="server"):
    def register(fn):
        SCENARIOS.append((id, mode, fn))
        return fn
    return register


def S():
    import anvil.server
    return anvil.server


def wait_task(task, seconds=20):
    deadline = time.time() + seconds
    while task.get_termination_status() is None and time.time() < deadline:
        time.sleep(0.02)
    return task


def task_outcome(task):
    out = {"status": task.get_termination_status(), "name": task.get_task_name(),
           "return_value": typed(task.get_return_value), "error": typed(task.get_error),
           "state": typed(task.get_state), "is_completed": typed(task.is_completed)}
    return out


# CALL

@scenario("call-args-kwargs")
def _():
    return raw(lambda: S().call("describe_call", 1, "two", x=3.5, y=[True, None]))


@scenario("call-return-nested")
def _():
    return typed(lambda: S().call("echo", {"a": [1, 2.5, "s", None, True], "b": {"c": {}, "d": []}}))


@scenario("call-no-such-function")
def _():
    return typed(lambda: S().call("interop_no_such_function", 1))


@scenario("call-not-callable")
def _():
    return typed(lambda: S().call("helper"))


@scenario("call-task-is-not-callable")
def _():
    return typed(lambda: S().call("probe_task", 1))


@scenario("call-uplink-shadows-server")
def _():
    return typed(lambda: S().call("shadowed"))


@scenario("call-stack-overflow")
def _():
    return typed(lambda: S().call("bounce", "up_bounce", 0))


@scenario("call-unserialisable-argument")
def _():
    return typed(lambda: S().call("echo", object()))


@scenario("call-unserialisable-return")
def _():
    return typed(lambda: S().call("return_unserialisable"))


@scenario("call-server-to-uplink-kwargs")
def _():
    return raw(lambda: S().call("relay_kwargs", "up_describe_call"))


@scenario("call-registered-after-connect")
def _():
    @S().callable("up_late")
    def up_late():
        return "late"
    return typed(lambda: S().call("up_late"))


# CTX

@scenario("ctx-server-sees-uplink")
def _():
    return raw(lambda: S().call("context_info"))


@scenario("ctx-uplink-in-served-call")
def _():
    return raw(lambda: S().call("relay", "up_context", None))


@scenario("ctx-uplink-top-level")
def _():
    return raw(lambda: ctx_of(S().context))


@scenario("ctx-nested-call-stack")
def _():
    return raw(lambda: S().call("relay", "up_call_back", None))


@scenario("ctx-client-key-caller", mode="client")
def _():
    return raw(lambda: S().call("context_info"))


@scenario("ctx-client-key-own-context", mode="client")
def _():
    return raw(lambda: ctx_of(S().context))


@scenario("ctx-uplink-background-task")
def _():
    task = wait_task(S().launch_background_task("up_task_context"))
    return {"status": task.get_termination_status(), "context": raw(task.get_return_value)}


# SESS

@scenario("sess-id-top-level")
def _():
    mine = S().get_session_id()
    server = S().call("session_id")
    return {"is_str": isinstance(mine, str), "length": len(mine), "same_as_server": mine == server}


@scenario("sess-id-in-served-call")
def _():
    inside = S().call("relay", "up_session_id", None)
    top = S().get_session_id()
    return {"is_str": isinstance(inside, str), "same_as_top_level": inside == top}


@scenario("sess-data-persists")
def _():
    S().call("session_put", "kept", {"n": 1, "when": datetime.date(2024, 2, 29)})
    return raw(lambda: S().call("session_get", "kept"))


@scenario("sess-rollback-on-error")
def _():
    S().call("session_put", "rollback", "before")
    failed = typed(lambda: S().call("session_put_then_fail", "rollback", "after"))
    return {"failed": failed, "after": raw(lambda: S().call("session_get", "rollback"))}


@scenario("sess-media-refused")
def _():
    return typed(lambda: S().call("session_store_media"))


@scenario("sess-cookies-read-top-level")
def _():
    return typed(lambda: S().cookies.local.get("interop"))


@scenario("sess-cookies-write-top-level")
def _():
    def write():
        S().cookies.local["interop"] = "x"
    return typed(write)


@scenario("sess-cookies-in-server-call")
def _():
    return typed(lambda: S().call("cookie_get"))


@scenario("sess-cookies-in-served-call")
def _():
    return raw(lambda: S().call("relay_describe", "up_cookie_read", None))


@scenario("sess-uplink-session-object")
def _():
    return raw(lambda: S().call("relay_describe", "up_session_write", "v"))


@scenario("sess-id-client-key", mode="client")
def _():
    return typed(lambda: S().get_session_id())


@scenario("sess-cookies-client-key", mode="client")
def _():
    return typed(lambda: S().cookies.local.get("interop"))


# CAP

def issued():
    return S().call("issue_cap", ["doc", 7])


@scenario("cap-issue-scope")
def _():
    return typed(lambda: issued().scope)


@scenario("cap-narrow-locally")
def _():
    cap = issued()
    narrowed = cap.narrow(["sec"])
    return {"original": tv(cap.scope), "narrowed": tv(narrowed.scope)}


@scenario("cap-equality")
def _():
    a, b = issued(), issued()
    return {"same_scope": a == b, "narrowed": a.narrow(["x"]) == a, "narrow_empty": a.narrow([]) == a,
            "list": a == ["doc", 7]}


@scenario("cap-narrow-hand-back")
def _():
    return raw(lambda: S().call("cap_scope", issued().narrow(["sec", {"k": 1}])))


@scenario("cap-unwrap-on-server")
def _():
    return typed(lambda: S().call("unwrap_cap", issued().narrow(["sec"]), ["doc", ANY, ANY, ANY]))


@scenario("cap-too-narrow-on-server")
def _():
    return typed(lambda: S().call("unwrap_cap", issued().narrow(["sec"]), ["doc", ANY]))


@scenario("cap-unwrap-on-uplink")
def _():
    cap = issued()
    a = S().Capability.ANY
    return {"matches": typed(lambda: S().unwrap_capability(cap, ["doc", a, a])),
            "mismatch": typed(lambda: S().unwrap_capability(cap, ["other", a]))}


@scenario("cap-made-by-uplink")
def _():
    return raw(lambda: S().call("cap_scope", S().Capability(["up", 1]).narrow([2])))


@scenario("cap-relay-server-to-uplink")
def _():
    return raw(lambda: S().call("relay_cap", "up_cap_scope", ["doc", 7], ["sec"]))


@scenario("cap-updates-uplink-to-server")
def _():
    return raw(lambda: S().call("relay_cap", "up_cap_send_update", ["upd"], []))


@scenario("cap-updates-server-to-uplink")
def _():
    cap = S().Capability(["mine", 1])
    got = []
    cap.set_update_handler(got.append)
    failed = typed(lambda: S().call("cap_send_updates", cap, [{"a": 1}, {"b": 2}, {"a": 3}]))
    return {"call": failed, "updates": tv(got)}


@scenario("cap-update-non-dict-then-dict")
def _():
    return raw(lambda: S().call("relay_cap", "up_cap_bad_updates", ["bad"], []))


@scenario("cap-invalid-scopes")
def _():
    return {"empty": typed(lambda: S().Capability([])),
            "reserved": typed(lambda: S().Capability(["_", 1]))}


# SER

def both_ways(value):
    return {"server_saw": raw(lambda: S().call("describe", value)),
            "round_trip": typed(lambda: S().call("echo", value))}


@scenario("ser-int-small")
def _():
    return both_ways([0, -1, 2147483647, -2147483647])


@scenario("ser-int-beyond-32-bits")
def _():
    return both_ways([2147483648, -2147483648, 2 ** 53 + 1, 9223372036854775807, -9223372036854775808])


@scenario("ser-int-beyond-64-bits")
def _():
    return both_ways([2 ** 64, -(2 ** 70), 10 ** 30 + 7])


@scenario("ser-float-special")
def _():
    return both_ways([float("nan"), float("inf"), float("-inf")])


@scenario("ser-float-values")
def _():
    return both_ways([1.5, 0.1, -0.0, 1e300, 5e-324, 123456789.125])


@scenario("ser-float-integral")
def _():
    return both_ways([2.0, -1.0, 1e16])


@scenario("ser-bool")
def _():
    return both_ways([True, False, [True, 1, 0, False]])


@scenario("ser-aware-datetime")
def _():
    ist = datetime.timezone(datetime.timedelta(hours=5, minutes=30))
    pst = datetime.timezone(datetime.timedelta(hours=-8))
    return both_ways([datetime.datetime(2024, 2, 29, 13, 45, 6, 123456, tzinfo=ist),
                      datetime.datetime(1999, 12, 31, 23, 59, 59, 999999, tzinfo=pst)])


@scenario("ser-utc-datetime")
def _():
    return both_ways(datetime.datetime(2024, 7, 1, 0, 0, 0, 1, tzinfo=datetime.timezone.utc))


@scenario("ser-naive-datetime")
def _():
    return both_ways(datetime.datetime(2024, 2, 29, 13, 45, 6, 500))


@scenario("ser-naive-datetime-from-server")
def _():
    return typed(lambda: S().call("make_naive"))


@scenario("ser-values-in-incoming-call")
def _():
    return raw(lambda: S().call("relay_values", "up_describe"))


@scenario("ser-date")
def _():
    return both_ways([datetime.date(2024, 2, 29), datetime.date(1, 1, 1), datetime.date(9999, 12, 31)])


@scenario("ser-unicode-strings")
def _():
    return both_ways(["caf\u00e9", "\u65e5\u672c\u8a9e", "\U0001F600 astral", "nul\u0000byte",
                      "tab\tline\nbreak", "quote\" backslash\\", "\u2028\u2029", ""])


@scenario("ser-unicode-keys")
def _():
    return both_ways({"\u00fcml\u00e4ut": 1, "\U0001F511": "key", "": "empty key"})


@scenario("ser-empty-containers")
def _():
    return both_ways([[], {}, [[]], {"e": {}}])


@scenario("ser-tuple-becomes-list")
def _():
    return both_ways((1, "two"))


@scenario("ser-dict-non-string-key")
def _():
    return typed(lambda: S().call("echo", {1: "a"}))


@scenario("ser-bytes-refused")
def _():
    return typed(lambda: S().call("echo", b"bytes"))


# ERR

@scenario("err-value-error")
def _():
    return typed(lambda: S().call("raise_error", "ValueError", "bad value"))


@scenario("err-key-error")
def _():
    return typed(lambda: S().call("raise_error", "KeyError", "missing"))


@scenario("err-permission-denied")
def _():
    return typed(lambda: S().call("raise_error", "PermissionDenied", "not yours"))


@scenario("err-registered-types")
def _():
    kinds = ["InternalError", "TimeoutError", "QuotaExceededError", "NoServerFunctionError",
             "SerializationError", "CookieError", "BackgroundTaskError", "BackgroundTaskNotFound",
             "ExecutionTerminatedError", "UplinkDisconnectedError"]
    return {k: typed(lambda k=k: S().call("raise_error", k, "raised " + k)) for k in kinds}


@scenario("err-background-task-killed")
def _():
    return typed(lambda: S().call("raise_error", "BackgroundTaskKilled", "killed"))


@scenario("err-authentication-failed")
def _():
    return typed(lambda: S().call("raise_error", "AuthenticationFailed", "log in"))


@scenario("err-custom-registered")
def _():
    return typed(lambda: S().call("raise_error", "ProbeError", "custom"))


@scenario("err-plain-server-exception")
def _():
    return typed(lambda: S().call("raise_error", "IllegalStateException", "plain"))


@scenario("err-uplink-raises-value-error")
def _():
    return raw(lambda: S().call("relay_describe", "up_raise", ["ValueError", "from uplink"]))


@scenario("err-uplink-raises-key-error")
def _():
    return raw(lambda: S().call("relay_describe", "up_raise", ["KeyError", "uplink key"]))


@scenario("err-uplink-raises-runtime-error")
def _():
    return raw(lambda: S().call("relay_describe", "up_raise", ["RuntimeError", "uplink runtime"]))


@scenario("err-uplink-raises-permission-denied")
def _():
    return raw(lambda: S().call("relay_describe", "up_raise", ["PermissionDenied", "uplink says no"]))


@scenario("err-uplink-raises-custom")
def _():
    return raw(lambda: S().call("relay_describe", "up_raise", ["ProbeError", "uplink custom"]))


# MEDIA

def blob(length, seed, name="up.bin", content_type="application/x-interop"):
    import anvil
    return anvil.BlobMedia(content_type, pattern(length, seed), name=name)


@scenario("media-upload-multichunk")
def _():
    return raw(lambda: S().call("describe", blob(200000, 1)))


@scenario("media-download-multichunk")
def _():
    return typed(lambda: S().call("make_media", 300000, 2, "down.bin", "application/x-down"))


@scenario("media-round-trip")
def _():
    return typed(lambda: S().call("echo", blob(150000, 3, name="echo.txt", content_type="text/plain")))


@scenario("media-empty")
def _():
    return {"up": raw(lambda: S().call("describe", blob(0, 0, name="empty"))),
            "down": typed(lambda: S().call("make_media", 0, 0, "empty", "text/plain"))}


@scenario("media-chunk-boundaries")
def _():
    return {str(n): raw(lambda n=n: S().call("describe", blob(n, 4))) for n in (65535, 65536, 65537, 131072)}


@scenario("media-relay-server-to-uplink")
def _():
    return raw(lambda: S().call("relay_media", "up_media_info", 200000, 6))


@scenario("media-uplink-returns")
def _():
    return raw(lambda: S().call("relay_describe", "up_make_media", 100000))


# PORT

@scenario("port-server-to-uplink")
def _():
    return typed(lambda: S().call("make_point", 3, 4))


@scenario("port-uplink-to-server")
def _():
    return raw(lambda: S().call("describe", Point(5, 6)))


@scenario("port-round-trip")
def _():
    return typed(lambda: S().call("echo", Point(-1, 2 ** 40)))


@scenario("port-unknown-class")
def _():
    return typed(lambda: S().call("make_server_only"))


# TASK

@scenario("task-server-task")
def _():
    return task_outcome(wait_task(S().launch_background_task("probe_task", 21)))


@scenario("task-failing")
def _():
    return task_outcome(wait_task(S().launch_background_task("probe_failing_task", "task failed")))


@scenario("task-unknown-name")
def _():
    return task_outcome(wait_task(S().launch_background_task("interop_no_such_task")))


@scenario("task-not-found")
def _():
    return typed(lambda: S().get_background_task("interop-no-such-task-id"))


@scenario("task-uplink-provided")
def _():
    return task_outcome(wait_task(S().launch_background_task("up_task", 7)))


@scenario("task-server-launches-uplink-task")
def _():
    return raw(lambda: S().call("launch_and_wait", "up_task", 9, 20000))


@scenario("task-state-outside-task")
def _():
    def write():
        S().task_state["x"] = 1
    return typed(write)


@scenario("task-client-key-launch", mode="client")
def _():
    return typed(lambda: S().launch_background_task("probe_task", 1))


# HTTP endpoints the uplink provides

@scenario("http-get-path-query")
def _():
    return HTTP.request("GET", "/interop/items/42?q=x&r=%C3%A9")


@scenario("http-post-json-body")
def _():
    return HTTP.request("POST", "/interop/items/7", body=json.dumps({"k": [1, "v"]}).encode("utf-8"),
                        headers={"Content-Type": "application/json"})


@scenario("http-post-form")
def _():
    return HTTP.request("POST", "/interop/items/8", body=b"a=1&b=two",
                        headers={"Content-Type": "application/x-www-form-urlencoded"})


@scenario("http-method-not-allowed")
def _():
    return {"post": HTTP.request("POST", "/interop/only-get", body=b""),
            "get": HTTP.request("GET", "/interop/only-get")}


@scenario("http-response-object")
def _():
    return HTTP.request("GET", "/interop/response")


@scenario("http-returns-media")
def _():
    return HTTP.request("GET", "/interop/media", body_digest=True)


@scenario("http-endpoint-raises")
def _():
    return HTTP.request("GET", "/interop/raise")


@scenario("http-require-credentials")
def _():
    token = base64.b64encode(b"ann:s3cret").decode("ascii")
    return {"without": HTTP.request("GET", "/interop/secret"),
            "with": HTTP.request("GET", "/interop/secret", headers={"Authorization": "Basic " + token})}


@scenario("http-route")
def _():
    return HTTP.request("GET", "/interop-route/hello", root=True)


@scenario("http-wellknown")
def _():
    return HTTP.request("GET", "/.well-known/interop-wk", root=True)


@scenario("http-empty-path-param")
def _():
    return HTTP.request("GET", "/interop/items/")


@scenario("http-cors-preflight")
def _():
    return HTTP.request("OPTIONS", "/interop/cors", headers={"Origin": "http://example.test",
                                                               "Access-Control-Request-Method": "GET",
                                                               "Access-Control-Request-Headers": "X-Custom"})


HTTP = None


def main():
    global HTTP
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--client", required=True, help="uplink/python of an anvil-runtime checkout")
    parser.add_argument("--url", required=True, help="serve mode's uplink address")
    parser.add_argument("--api", required=True, help="serve mode's api address")
    parser.add_argument("--key", required=True)
    parser.add_argument("--mode", choices=["server", "client"], required=True)
    parser.add_argument("--only", default=None, help="comma-separated scenario ids")
    args = parser.parse_args()

    load_client(args.client)
    import anvil.server
    import anvil.users  # noqa: F401  registers anvil.users.AuthenticationFailed, as a script using Users does
    HTTP = Http(args.api)
    define_shared_types()
    if args.mode == "server":
        define_uplink_functions()
    anvil.server.connect(args.key, url=args.url, quiet=True)
    only = set(args.only.split(",")) if args.only else None
    for id, mode, fn in SCENARIOS:
        if mode != args.mode or (only is not None and id not in only):
            continue
        try:
            outcome = fn()
        except Exception:
            outcome = {"harness_error": traceback.format_exc().strip().splitlines()[-1]}
        sys.stdout.write("RESULT " + json.dumps({"id": id, "outcome": outcome}, sort_keys=True) + "\n")
        sys.stdout.flush()
    anvil.server.disconnect()
    sys.stdout.flush()
    os._exit(0)  # the client's heartbeat and reconnect threads are not daemons


if __name__ == "__main__":
    main()
