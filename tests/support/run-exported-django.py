"""Runs Django test modules exported by the playground inside one small project.

    python3 run-exported-django.py FOLDER MODULE...

The project is what a Django developer would drop the files into: the three
apps the demo site needs and an in-memory SQLite database; each module brings
its own views, URLconf and settings (override_settings). One process for all
modules (starting Django once), one result per module, as JSON on stdout.
"""
import io
import json
import sys
import traceback
import unittest

import django
from django.conf import settings

settings.configure(
    DEBUG=False,
    USE_TZ=True,
    TIME_ZONE="UTC",
    SECRET_KEY="the-runner-project-key-each-module-sets-its-own",
    INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", "django.contrib.sessions"],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    DEFAULT_AUTO_FIELD="django.db.models.AutoField",
)
django.setup()

from django.test.runner import DiscoverRunner  # noqa: E402

folder, names = sys.argv[1], sys.argv[2:]
sys.path.insert(0, folder)
runner = DiscoverRunner(verbosity=0)
runner.setup_test_environment()
databases = runner.setup_databases()
results = {}
for name in names:
    stream = io.StringIO()
    try:
        suite = unittest.defaultTestLoader.loadTestsFromName(name)
        outcome = unittest.TextTestRunner(stream=stream, verbosity=2).run(suite)
        results[name] = {
            "ran": outcome.testsRun,
            "problems": len(outcome.failures) + len(outcome.errors),
            "skipped": [reason for _, reason in outcome.skipped],
            "output": stream.getvalue(),
        }
    except Exception:
        results[name] = {"ran": 0, "problems": 1, "skipped": [], "output": traceback.format_exc()}
runner.teardown_databases(databases)
runner.teardown_test_environment()
json.dump(results, sys.stdout)
