/**
 * The fixed parts of an exported Django test module: the demo site (the
 * contract's section 1: its views and URLconf, written for Django itself)
 * and the test case's helpers. The run's own steps are generated around them
 * (django-test.ts). Python source, kept as raw strings.
 */

/** The standard library's imports and django.conf. */
export const PY_PRELUDE = String.raw`import functools
import hashlib
import json
import logging
import os
import pickle
import re
import shutil
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone as dt_timezone
from unittest import skipUnless
from urllib.parse import urlencode, urlsplit

import django
from django.conf import settings
`;

/** A minimal project when the file runs on its own, then Django's imports. */
export const PY_STANDALONE = String.raw`
if __name__ == "__main__":
    # On its own, this file is the whole project: an in-memory SQLite
    # database and the three apps the demo site needs.
    standalone = {
        "DEBUG": False,
        "USE_TZ": True,
        "TIME_ZONE": "UTC",
        "SECRET_KEY": CONTRACT_SETTINGS["SECRET_KEY"],  # each release of the run sets its own
        "ROOT_URLCONF": __name__,
        "INSTALLED_APPS": [
            "django.contrib.contenttypes",
            "django.contrib.auth",
            "django.contrib.sessions",
        ],
        "DATABASES": {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
        "DEFAULT_AUTO_FIELD": "django.db.models.AutoField",
    }
    if sys.argv[1:2] == ["serve"]:
        # The demo site under the run's settings on Django's development
        # server, for the curl script; the real clock. The server's threads
        # need a database file (an in-memory one is one per connection).
        folder = tempfile.mkdtemp(prefix="playground-site-")
        standalone.update(SITE_SETTINGS)
        standalone.update(CONTRACT_SETTINGS)
        standalone.update(RUN_SETTINGS)
        standalone["SESSION_FILE_PATH"] = os.path.join(folder, "sessions")
        os.mkdir(standalone["SESSION_FILE_PATH"])
        standalone["DATABASES"] = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.path.join(folder, "db.sqlite3")}}
    settings.configure(**standalone)
    django.setup()

from django.contrib.auth import authenticate, get_user_model, login, logout, update_session_auth_hash
from django.contrib.auth.hashers import PBKDF2PasswordHasher, make_password
from django.core import signing
from django.core.cache import caches
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.http import JsonResponse
from django.test import Client, TestCase, override_settings
from django.urls import path, re_path
from django.utils import timezone
from freezegun import freeze_time
`;

/** The demo site "Django Shop": one view per route of the contract's table. */
export const PY_DEMO_SITE = String.raw`
# ---------------------------------------------------------------------------
# The demo site, "Django Shop" (the playground's contract, section 1)
# ---------------------------------------------------------------------------

class PlaygroundPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    """PBKDF2 at the 260000 iterations of the users' stored password fields.

    Django 4.2 and later would re-hash such a field at their own iteration
    count (with a new salt) on the first login, which changes the field and so
    _auth_user_hash; pinning the count keeps the fields as the run has them.
    """

    iterations = 260000


def allow(method):
    """A view for one HTTP method; any other method gets a JSON 405."""
    def decorate(view):
        @functools.wraps(view)
        def only_this_method(request):
            if request.method != method:
                return JsonResponse({"error": "method not allowed"}, status=405)
            return view(request)
        return only_this_method
    return decorate


@allow("GET")
def home(request):
    return JsonResponse({"page": "home"})


@allow("GET")
def visits(request):
    count = request.session.get("visits", 0) + 1
    request.session["visits"] = count
    return JsonResponse({"visits": count})


@allow("GET")
def peek(request):
    return JsonResponse({"session": dict(request.session.items())})


@allow("POST")
def cart_add(request):
    cart = request.session.get("cart", [])
    cart.append(request.POST.get("item", ""))
    request.session["cart"] = cart
    return JsonResponse({"cart": cart})


@allow("POST")
def cart_add_inplace(request):
    # setdefault marks the session modified only when it inserts the list:
    # later appends change the list in place, which Django does not notice.
    request.session.setdefault("cart", []).append(request.POST.get("item", ""))
    return JsonResponse({"cart": request.session["cart"]})


@allow("POST")
def login_view(request):
    user = authenticate(
        request,
        username=request.POST.get("username", ""),
        password=request.POST.get("password", ""),
    )
    if user is None:
        return JsonResponse({"error": "invalid credentials"}, status=401)
    login(request, user)
    return JsonResponse({"user": user.get_username()})


@allow("POST")
def logout_view(request):
    logout(request)
    return JsonResponse({"user": None})


@allow("GET")
def me(request):
    user = request.user
    return JsonResponse({"user": user.get_username() if user.is_authenticated else None})


@allow("POST")
def change_password(request):
    if not request.user.is_authenticated:
        return JsonResponse({"error": "login required"}, status=403)
    new_password = request.POST.get("new_password", "")
    if not new_password:
        return JsonResponse({"error": "new_password required"}, status=400)
    user = request.user
    # The contract pins the salt (the first 22 hex digits of the password's
    # SHA-256), so that the new field and _auth_user_hash are reproducible.
    salt = hashlib.sha256(new_password.encode()).hexdigest()[:22]
    user.password = make_password(new_password, salt=salt)
    user.save(update_fields=["password"])
    update_session_auth_hash(request, user)
    return JsonResponse({"ok": True})


@allow("GET")
def expiry(request):
    seconds = request.GET.get("seconds", "none")
    request.session.set_expiry(None if seconds == "none" else int(seconds))
    return JsonResponse({
        "expiry_age": request.session.get_expiry_age(),
        "expire_at_browser_close": request.session.get_expire_at_browser_close(),
    })


@allow("POST")
def clear(request):
    request.session.clear()
    return JsonResponse({"ok": True})


@allow("POST")
def flush(request):
    request.session.flush()
    return JsonResponse({"ok": True})


@allow("POST")
def cycle(request):
    request.session.cycle_key()
    return JsonResponse({"ok": True})


@allow("GET")
def boom(request):
    request.session["boom"] = True
    return JsonResponse({"error": "boom"}, status=500)


@allow("POST")
def remember_time(request):
    # A datetime is not JSON serializable: engines that sign JSON fail when
    # SessionMiddleware saves, after this view has returned.
    request.session["last_seen"] = timezone.now()
    return JsonResponse({"ok": True})


def not_found(request):
    return JsonResponse({"error": "not found"}, status=404)


urlpatterns = [
    path("", home),
    path("visits/", visits),
    path("peek/", peek),
    path("cart/add/", cart_add),
    path("cart/add-inplace/", cart_add_inplace),
    path("login/", login_view),
    path("logout/", logout_view),
    path("me/", me),
    path("password/", change_password),
    path("expiry/", expiry),
    path("clear/", clear),
    path("flush/", flush),
    path("cycle/", cycle),
    path("boom/", boom),
    path("remember-time/", remember_time),
    re_path(r"", not_found),
]
`;

/** The test case's helpers: sending the browser's requests and comparing with the run. */
export const PY_TEST_HELPERS = String.raw`
# ---------------------------------------------------------------------------
# Sending the run's requests and comparing with what the playground showed
# ---------------------------------------------------------------------------

# <k1>, <k2>, ... stand for the session keys Django issues: they are random,
# so each label is bound to the real key the first time the test sees it.
KEY_LABEL = re.compile(r"<(k\d+)>")
# A compressed signed value (signed_cookies): "." + base64 : timestamp : signature.
COMPRESSED_SIGNED = re.compile(r"\.[A-Za-z0-9_-]+:[0-9A-Za-z]+:[A-Za-z0-9_-]{43}")
SIGNED_COOKIES_SALT = "django.contrib.sessions.backends.signed_cookies"


def as_json(value):
    """Session data as JSON shows it (a datetime as DjangoJSONEncoder writes it)."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def iso(moment):
    """A UTC time as the playground writes it: 2026-01-15T00:00:00Z."""
    moment = moment.astimezone(dt_timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ" if moment.microsecond else "%Y-%m-%dT%H:%M:%SZ")


def same_scalar(expected, actual):
    if isinstance(expected, bool) or isinstance(actual, bool) or expected is None or actual is None:
        return expected is actual
    return type(expected) in (int, float) and type(actual) in (int, float) and expected == actual


def match(expected, actual, keys):
    """The keys bound by matching actual against expected (labels allowed in any string), or None."""
    if isinstance(expected, str):
        if not isinstance(actual, str):
            return None
        pattern, new, start = [], [], 0
        for found in KEY_LABEL.finditer(expected):
            pattern.append(re.escape(expected[start:found.start()]))
            label = found.group(1)
            if label in keys:
                pattern.append(re.escape(keys[label]))
            elif label in new:
                pattern.append("(?P=%s)" % label)
            else:
                new.append(label)
                pattern.append("(?P<%s>[a-z0-9]{32})" % label)
            start = found.end()
        pattern.append(re.escape(expected[start:]))
        matched = re.fullmatch("".join(pattern), actual)
        if matched is None:
            return None
        bound = dict(keys)
        for label in new:
            if matched.group(label) in bound.values():
                return None  # two labels are two different keys
            bound[label] = matched.group(label)
        return bound
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return None
        for want, got in zip(expected, actual):
            keys = match(want, got, keys)
            if keys is None:
                return None
        return keys
    if isinstance(expected, dict):
        if not isinstance(actual, dict) or len(actual) != len(expected):
            return None
        for name, want in expected.items():
            got_name = next((n for n in actual if match(name, n, keys) is not None), None)
            if got_name is None:
                return None
            keys = match(name, got_name, keys)
            keys = match(want, actual[got_name], keys)
            if keys is None:
                return None
        return keys
    return keys if same_scalar(expected, actual) else None


def unbound_labels(expected, keys):
    return len(set(KEY_LABEL.findall(json.dumps(expected))) - set(keys))


class PlaygroundRunTestCase(TestCase):
    """Replays a playground run: the browser's exact Cookie headers, the virtual clock."""

    start = None  # the run's start time, UTC
    shared_cache = False  # a cache server of its own, which survives the site's restarts

    def setUp(self):
        self.keys = {}
        self.freezer = freeze_time(self.start)
        self.clock = self.freezer.start()
        self.addCleanup(self.freezer.stop)
        self.files_dir = tempfile.mkdtemp(prefix="playground-sessions-")
        self.addCleanup(shutil.rmtree, self.files_dir, ignore_errors=True)
        self.file_marks = {}
        self.release(RUN_SETTINGS)
        caches["default"].clear()  # the cache's LOCATION outlives a test: start empty
        for user in USERS:
            get_user_model().objects.create(id=user["id"], username=user["username"], password=user["password"])
        # The run's 500s and tampered cookies are expected: keep Django's
        # tracebacks and security warnings out of the test's output.
        for name in ("django.request", "django.security"):
            logger = logging.getLogger(name)
            self.addCleanup(logger.setLevel, logger.level)
            logger.setLevel(logging.CRITICAL)

    def release(self, overrides):
        """Settings from here on: the contract's table plus these overrides."""
        release = override_settings(**{**SITE_SETTINGS, **CONTRACT_SETTINGS, **overrides, "SESSION_FILE_PATH": self.files_dir})
        release.enable()
        self.addCleanup(release.disable)
        self.restart_server()

    def restart_server(self):
        """A new server process: new middleware (it reads SESSION_ENGINE); a cache in its memory is lost."""
        if not self.shared_cache:
            caches["default"].clear()
        from django.contrib.sessions.backends.file import SessionStore as FileStore
        # The file engine keeps SESSION_FILE_PATH on its class once it has read it.
        if "_storage_path" in FileStore.__dict__:
            del FileStore._storage_path
        # raise_request_exception=False: a view or a session save that fails is a 500, as on a server.
        self.client = Client(raise_request_exception=False)

    def advance(self, seconds):
        self.clock.tick(timedelta(seconds=seconds))

    def fill(self, text):
        """A Cookie header of the run, with the real session keys in place of their labels."""
        def key(found):
            if found.group(1) not in self.keys:
                self.fail("the run sends <%s> before Django issued it" % found.group(1))
            return self.keys[found.group(1)]
        return KEY_LABEL.sub(key, text)

    def send(self, method, url, cookie=None, form=None):
        """One request as the browser sent it: exactly this Cookie header (or none)."""
        parts = urlsplit(url)
        target = parts.path + ("?" + parts.query if parts.query else "")
        extra = {"secure": parts.scheme == "https", "HTTP_HOST": parts.netloc}
        # The test client would add the cookies it collected: the browser's header is the run's.
        self.client.cookies.clear()
        if cookie is not None:
            extra["HTTP_COOKIE"] = self.fill(cookie)
        if form is not None:
            return self.client.generic(method, target, urlencode(form), "application/x-www-form-urlencoded", **extra)
        return self.client.generic(method, target, **extra)

    def expect(self, expected, actual, what):
        keys = match(expected, actual, self.keys)
        if keys is None:
            filled = json.loads(KEY_LABEL.sub(lambda m: self.keys.get(m.group(1), m.group(0)), json.dumps(expected)))
            self.assertEqual(actual, filled, "%s differs from the run (labels still unbound: %s)" % (
                what, sorted(set(KEY_LABEL.findall(json.dumps(filled))))))
            self.fail("%s: %r does not match %r" % (what, actual, expected))
        self.keys = keys

    def assert_response(self, response, status, set_cookie, vary, body):
        self.assertEqual(response.status_code, status, "status")
        lines = [morsel.output(header="").strip() for morsel in response.cookies.values()]
        self.assertEqual(len(lines), len(set_cookie), "Set-Cookie headers: %r" % lines)
        for want, got in zip(set_cookie, lines):
            want_pair, _, want_attributes = want.partition(";")
            got_pair, _, got_attributes = got.partition(";")
            name, _, value = want_pair.partition("=")
            if COMPRESSED_SIGNED.fullmatch(value):
                # Two zlib implementations may compress the same JSON differently:
                # the value must verify and decode to the same data, signed at the same time.
                got_name, _, got_value = got_pair.partition("=")
                self.assertEqual(got_name, name, "Set-Cookie name")
                self.expect(want_attributes, got_attributes, "Set-Cookie attributes")
                self.assertEqual(got_value.split(":")[-2], value.split(":")[-2], "signing timestamp")
                self.assertEqual(signing.loads(got_value, salt=SIGNED_COOKIES_SALT),
                                 signing.loads(value, salt=SIGNED_COOKIES_SALT), "signed session data")
            else:
                self.expect(want, got, "Set-Cookie")
        got_vary = [part.strip() for part in response.get("Vary", "").split(",") if part.strip()]
        self.assertEqual(got_vary, vary, "Vary")
        try:
            got_body = json.loads(response.content.decode("utf-8"))
        except ValueError:
            got_body = None
        self.expect(body, got_body, "response body")

    def stamp_files(self):
        """Session files written during a step get the virtual time as their mtime.

        The file engine decides expiry from a file's mtime, and the frozen
        clock does not reach the disk.
        """
        now = time.time()
        marks = {}
        for name in os.listdir(self.files_dir):
            full = os.path.join(self.files_dir, name)
            stat = os.stat(full)
            if self.file_marks.get(full) != (stat.st_ino, stat.st_size, stat.st_mtime_ns):
                os.utime(full, (now, now))
                stat = os.stat(full)
            marks[full] = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
        self.file_marks = marks

    def place(self, name):
        """What the server holds in one place, as the playground lists it (cache@a: worker a's, the only one)."""
        name = name.split("@")[0]
        if name == "db":
            from django.contrib.sessions.backends.db import SessionStore as DbStore
            from django.contrib.sessions.models import Session
            return [{"session_key": row.session_key, "expire_date": iso(row.expire_date),
                     "data": as_json(DbStore().decode(row.session_data))} for row in Session.objects.all()]
        if name == "cache":
            cache = caches["default"]
            entries = []
            # LocMemCache's own dictionary: an entry whose time is up stays until a read deletes it.
            for full_key, pickled in cache._cache.items():
                expires = cache._expire_info.get(full_key)
                entries.append({
                    "key": full_key.split(":", 2)[2],  # without "<KEY_PREFIX>:<version>:"
                    "expires": None if expires is None else iso(datetime.fromtimestamp(expires, dt_timezone.utc)),
                    "data": as_json(pickle.loads(pickled)),
                })
            return entries
        if name == "files":
            from django.contrib.sessions.backends.file import SessionStore as FileStore
            files = []
            for file_name in sorted(os.listdir(self.files_dir)):
                with open(os.path.join(self.files_dir, file_name), encoding="ascii") as session_file:
                    text = session_file.read()
                files.append({"name": file_name, "data": as_json(FileStore().decode(text)) if text else None})
            return files
        raise ValueError("unknown place %r" % name)

    def assert_store(self, expected):
        """Every place's rows, in any order (their keys are random): rows with known keys first."""
        self.stamp_files()
        for name, rows in expected.items():
            actual = self.place(name)
            self.assertEqual(len(actual), len(rows), "%s holds %r" % (name, actual))
            for row in sorted(rows, key=lambda r: unbound_labels(r, self.keys)):
                for candidate in actual:
                    keys = match(row, candidate, self.keys)
                    if keys is not None:
                        self.keys = keys
                        actual.remove(candidate)
                        break
                else:
                    self.fail("%s: no row matches %r among %r" % (name, row, actual))
`;

export const PY_MAIN = String.raw`

if __name__ == "__main__":
    if sys.argv[1:2] == ["serve"]:
        # python3 THIS_FILE.py serve [PORT]
        call_command("migrate", verbosity=0)
        for user in USERS:
            get_user_model().objects.create(id=user["id"], username=user["username"], password=user["password"])
        call_command("runserver", "127.0.0.1:%s" % (sys.argv[2] if len(sys.argv) > 2 else "8000"), use_reloader=False)
    else:
        from django.test.utils import get_runner

        sys.exit(bool(get_runner(settings)(verbosity=1).run_tests([__name__])))
`;
