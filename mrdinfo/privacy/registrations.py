"""Personal data no domain app owns, in the register (core/records/personal_data.py): sign-in records
(django-axes), sessions (Django's), background task payloads (django-tasks' database backend,
app label `django_tasks_database`) and the web server's access logs (kept by journald and
logrotate, deploy/: 30 days)."""

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings

from mrdinfo.core.records.personal_data import Period, PersonalData, register, session_marks, text_mentions

SERVER_LOG_DAYS = 30  # deploy/journald and deploy/logrotate keep the same (core/operations/tests/test_deploy_files.py)
SESSION_DAYS = settings.SESSION_COOKIE_AGE // 86400  # Django's default: 14
AXES_FIELDS = ("username", "ip_address", "user_agent", "path_info", "attempt_time")


def _axes_models() -> list[Any]:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    return [AccessAttempt, AccessFailureLog, AccessLog]


def _find_sign_ins(email: str) -> list[Any]:
    return [row for model in _axes_models() for row in model.objects.filter(username__iexact=email.strip())]


def _prune_sign_ins(cutoff: datetime) -> int:
    return sum(model.objects.filter(attempt_time__lt=cutoff).delete()[0] for model in _axes_models())


def _find_sessions(email: str) -> list[Any]:
    """Sessions of a staff account with that email, holding something an app marks as theirs (the
    gift they are making: giving/personal_data.py), or whose data mentions the email."""
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.models import Session

    needle = email.strip().lower()
    staff = get_user_model()._default_manager.filter(email__iexact=needle)
    accounts = {str(pk) for pk in staff.values_list("pk", flat=True)}
    marks = session_marks(needle)
    found = []
    for session in Session.objects.all().iterator():
        data = session.get_decoded()
        theirs = any(str(data.get(key)) == value for key, value in marks)
        if theirs or data.get("_auth_user_id") in accounts or text_mentions(data, needle):
            found.append(session)
    return found


def _prune_sessions(cutoff: datetime) -> int:
    """A session expires SESSION_COOKIE_AGE after it was last used; `cutoff` is that long before
    now, so what is due is every session that has expired (Django's `clearsessions`)."""
    from django.contrib.sessions.models import Session

    return Session.objects.filter(expire_date__lt=cutoff + timedelta(seconds=settings.SESSION_COOKIE_AGE)).delete()[0]


def _delete_each(records: list[Any]) -> int:
    for record in records:
        record.delete()
    return len(records)


def _find_tasks(email: str) -> list[Any]:
    from django_tasks_db.models import DBTaskResult

    needle = email.strip().lower()
    return [
        task
        for task in DBTaskResult.objects.all().iterator()
        if text_mentions([task.args_kwargs, task.return_value, task.traceback], needle)
    ]


def _prune_tasks(cutoff: datetime) -> int:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(finished_at__lt=cutoff).delete()[0]


def register_personal_data() -> None:
    register(
        PersonalData(
            key="server-records",
            what="Our web server's records of each request",
            holds="The page asked for (never the result typed into the result reader), the time, and "
            "the internet address of the device",
            lawful_basis="Legitimate interests: keeping the website working and secure",
            period=Period(SERVER_LOG_DAYS, "days", "the request"),
            on_erasure="Not filed by name or email: deleted by the server after 30 days",
            order=10,
        )
    )
    register(
        PersonalData(
            key="sign-in-records",
            what="Staff sign-ins to the editing system",
            holds="The username tried, the internet address and browser, and when",
            lawful_basis="Legitimate interests: keeping staff accounts safe from guessing",
            period=Period(SERVER_LOG_DAYS, "days", "the sign-in"),
            on_erasure="Deleted",
            fields=dict.fromkeys(("axes.AccessAttempt", "axes.AccessFailureLog", "axes.AccessLog"), AXES_FIELDS),
            find=_find_sign_ins,
            erase=_delete_each,
            prune=_prune_sign_ins,
            order=95,
        )
    )
    register(
        PersonalData(
            key="sessions",
            what="Sessions: a staff member signed in, or the gift you are making",
            holds="Which staff account is signed in, or which gift this browser is making; no name or email",
            lawful_basis="Legitimate interests: keeping you signed in, or your gift's details while you give",
            period=Period(SESSION_DAYS, "days", "the browser last used it"),
            on_erasure="Deleted (a session pointing at a gift goes with the gift's details)",
            fields={"sessions.Session": ("session_data",)},
            find=_find_sessions,
            erase=_delete_each,
            export=lambda session: {"expires": session.expire_date.isoformat(), "data": session.get_decoded()},
            prune=_prune_sessions,
            order=96,
        )
    )
    register(
        PersonalData(
            key="background-tasks",
            what="Jobs queued to run in the background (such as sending an email)",
            holds="Which record the job is about; any error it met",
            lawful_basis="The same as the record the job is about",
            period=Period(7, "days", "the job finished"),
            on_erasure="Deleted",
            fields={"django_tasks_database.DBTaskResult": ("args_kwargs", "return_value", "traceback")},
            find=_find_tasks,
            erase=_delete_each,
            prune=_prune_tasks,
            order=97,
        )
    )
