"""Personal data no domain app owns, in the register (core/personal_data.py): sign-in records
(django-axes), background task payloads (django-tasks' database backend) and the web server's
access logs (kept by journald and logrotate, deploy/: 30 days)."""

from datetime import datetime
from typing import Any

from mrdinfo.core.personal_data import Period, PersonalData, fields_of, register, text_mentions

SERVER_LOG_DAYS = 30  # deploy/journald and deploy/logrotate keep the same (core/tests/test_deploy_files.py)
AXES_FIELDS = ("username", "ip_address", "user_agent", "path_info", "attempt_time")


def _axes_models() -> list[Any]:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    return [AccessAttempt, AccessFailureLog, AccessLog]


def _find_sign_ins(email: str) -> list[Any]:
    return [row for model in _axes_models() for row in model.objects.filter(username__iexact=email.strip())]


def _prune_sign_ins(cutoff: datetime) -> int:
    return sum(model.objects.filter(attempt_time__lt=cutoff).delete()[0] for model in _axes_models())


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
            models=("axes.AccessAttempt", "axes.AccessFailureLog", "axes.AccessLog"),
            find=_find_sign_ins,
            erase=_delete_each,
            export=lambda row: fields_of(row, AXES_FIELDS),
            prune=_prune_sign_ins,
            order=95,
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
            models=("django_tasks_db.DBTaskResult",),
            find=_find_tasks,
            erase=_delete_each,
            export=lambda task: fields_of(task, ("task_path", "status", "enqueued_at", "finished_at", "args_kwargs")),
            prune=_prune_tasks,
            order=97,
        )
    )
