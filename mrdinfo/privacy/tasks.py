from django_tasks import task


@task()
def prune_personal_data() -> dict[str, int]:
    """The background-task form of `manage.py prune_personal_data` (the deploy timer runs the command)."""
    from .service import prune

    return prune()
