"""Settings come from the environment; production refuses to start half-configured."""

import os
import subprocess
import sys

from django.conf import settings

PYTHON = sys.executable
# Variables the test run itself may carry (CI's databases, the test-only async switch).
ENV_FROM_TEST_RUN = {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def run_manage(*args, env=None):
    base = {k: v for k, v in os.environ.items() if k not in ENV_FROM_TEST_RUN}
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**base, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_env(**extra):
    return {
        "DJANGO_SETTINGS_MODULE": "mrdinfo.settings.production",
        "SECRET_KEY": "x" * 10 + "a-long-random-secret-used-only-by-this-test-0123456789",
        "ALLOWED_HOSTS": "mrdinfo.example.org",
        **extra,
    }


def test_production_refuses_to_start_without_secret_key():
    env = production_env()
    del env["SECRET_KEY"]
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "The environment variable SECRET_KEY is not set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    env = production_env()
    del env["ALLOWED_HOSTS"]
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "The environment variable ALLOWED_HOSTS is not set" in result.stderr


def test_check_deploy_is_clean_with_a_realistic_environment():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env=production_env(
            CSRF_TRUSTED_ORIGINS="https://mrdinfo.example.org",
            SITE_URL="https://mrdinfo.example.org",
            STRIPE_SECRET_KEY="sk_live_example",  # a live site takes real gifts (giving/checks.py)
            STRIPE_WEBHOOK_SECRET="whsec_example",
        ),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_warns_while_the_site_address_is_localhost():
    env = production_env(CSRF_TRUSTED_ORIGINS="https://mrdinfo.example.org")  # no SITE_URL
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0
    assert "mrdinfo.W001" in result.stderr + result.stdout and "configure_site" in result.stderr + result.stdout


def test_database_and_cache_come_from_the_environment():
    code = (
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME'], "
        "s.CACHES['default']['BACKEND'], s.CACHES['default']['LOCATION'])"
    )
    default = run_manage("shell", "-c", code, env={"DJANGO_SETTINGS_MODULE": "mrdinfo.settings.dev"})
    assert "django.db.backends.sqlite3" in default.stdout and "LocMemCache" in default.stdout
    configured = run_manage(
        "shell",
        "-c",
        code,
        env={
            "DJANGO_SETTINGS_MODULE": "mrdinfo.settings.dev",
            "DATABASE_URL": "postgres://u:p@db.internal:5432/mrdinfo_prod",
            "REDIS_URL": "redis://cache.internal:6379/2",
        },
    )
    assert "django.db.backends.postgresql mrdinfo_prod" in configured.stdout
    assert "django_redis.cache.RedisCache redis://cache.internal:6379/2" in configured.stdout


def test_production_queues_tasks_in_the_database():
    code = "from django.conf import settings as s; print(s.TASKS['default']['BACKEND'])"
    result = run_manage("shell", "-c", code, env=production_env())
    assert result.stdout.strip().splitlines()[-1] == "django_tasks_db.DatabaseBackend"
