"""The staff groups, what each may do, and the "Clinical sign-off" workflow, set up in one
idempotent function. A data migration runs it (groups and permissions exist from the first
`migrate`), and `load_content` runs it again after loading pages, because the sections it gives
the Fundraising group and the hub that gets the workflow only exist once content is loaded.

It takes an app registry so the migration can pass its historical one. It only adds what is
missing: an administrator's later changes to a group (more permissions, more sections) stay.

- Editors (Wagtail's own group, extended): every page and snippet, but no clinical sign-off:
  medical pages cannot be published directly by anyone (review.py), and explainers
  need the "publish" permission, which no group has. No personal data.
- Clinical reviewers: approve medical pages and explainers (the workflow's task), see review dates.
- Fundraising: events, appeals (Donate and its pages), news; donations, Gift Aid, subscribers and
  event registrations. Not medical pages.
"""

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.apps.registry import Apps

if TYPE_CHECKING:
    from mrdinfo.core.content.loader import ContentLoader

EDITORS = "Editors"
CLINICAL_REVIEWERS = "Clinical reviewers"
FUNDRAISING = "Fundraising"

WORKFLOW_NAME = "Clinical sign-off"
# What Wagtail's own migrations make and this site does not use: a "Moderators" group with
# publish rights over the whole tree, and a "Moderators approval" workflow on the root page that
# the editor offers on every page ("Submit to Moderators approval").
WAGTAIL_MODERATORS = "Moderators"
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"
TASK_NAME = "Clinical review"

# Section page types each group may add, change and publish under (with locking).
PAGE_ACTIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
EDITORS_SECTIONS = "root"  # the tree's root: everything
FUNDRAISING_SECTIONS = ("events.eventindexpage", "giving.donatepage", "news.newsindexpage")
MEDICAL_HUB = "information.topicindexpage"
SIGN_OFF_SNIPPETS = ("explainer.explainer",)

MEDIA_PERMISSIONS = (
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
)


def _crud(label: str, actions: Iterable[str] = ("add", "change", "delete", "view")) -> list[str]:
    app_label, model = label.split(".")
    return [f"{app_label}.{action}_{model}" for action in actions]


MODEL_PERMISSIONS = {
    EDITORS: [
        "wagtailadmin.access_admin",
        *_crud("core.menu"),
        *_crud("core.menuitem"),
        *_crud("core.sitesettings", ("change", "view")),
        *_crud("information.glossaryterm"),
        # Explainers: edit and submit for sign-off; "publish" is deliberately not given.
        *_crud("explainer.explainer", ("add", "change", "view", "lock", "unlock")),
        *_crud("events.eventtype"),
        *_crud("events.eventregion"),
        *_crud("people.person"),
        *_crud("promotions.promocard"),
        *_crud("promotions.promocardset"),
        *_crud("promotions.promosettings", ("change", "view")),
        *_crud("wagtailredirects.redirect"),
        *_crud("editorial.reviewerprofile", ("add", "change", "view")),
        "editorial.view_review_dates",
    ],
    CLINICAL_REVIEWERS: [
        "wagtailadmin.access_admin",
        *_crud("explainer.explainer", ("change", "view")),
        *_crud("editorial.reviewerprofile", ("change", "view")),
        "editorial.view_review_dates",
    ],
    FUNDRAISING: [
        "wagtailadmin.access_admin",
        *_crud("events.eventtype"),
        *_crud("events.eventregion"),
        *_crud("promotions.promocard"),
        *_crud("giving.donation", ("view", "export")),
        *_crud("giving.donationpayment", ("view",)),
        *_crud("giving.giftaiddeclaration", ("view", "export")),
        *_crud("newsletter.subscriber", ("view", "export")),
        *_crud("newsletter.newsletterconsent", ("view",)),
        # Event registrations are form submissions on event pages (only pages they can edit).
        "wagtailforms.view_formsubmission",
    ],
}

# Permissions whose codename does not end in their model's name.
CUSTOM_PERMISSION_MODELS = {
    "wagtailadmin.access_admin": "wagtailadmin.admin",
    "editorial.view_review_dates": "editorial.reviewerprofile",
}


class Setup:
    def __init__(self, apps: Apps) -> None:
        self.apps = apps
        self.changes: list[str] = []
        self.ContentType = apps.get_model("contenttypes", "ContentType")
        self.Permission = apps.get_model("auth", "Permission")
        self.Group = apps.get_model("auth", "Group")

    def content_type(self, label: str) -> Any:
        app_label, model = label.split(".")
        content_type, _ = self.ContentType.objects.get_or_create(app_label=app_label, model=model)
        return content_type

    def permission(self, dotted: str) -> Any:
        app_label, codename = dotted.split(".")
        model = CUSTOM_PERMISSION_MODELS.get(dotted, f"{app_label}.{codename.split('_', 1)[1]}")
        content_type = self.content_type(model)
        permission, _ = self.Permission.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": f"Can {codename.replace('_', ' ')}"[:255]},
        )
        return permission

    def group(self, name: str) -> Any:
        group, created = self.Group.objects.get_or_create(name=name)
        if created:
            self.changes.append(f"made the {name} group")
        return group

    def run(self) -> list[str]:
        groups = {name: self.group(name) for name in (EDITORS, CLINICAL_REVIEWERS, FUNDRAISING)}
        for name, permissions in MODEL_PERMISSIONS.items():
            wanted = [self.permission(dotted) for dotted in permissions]
            have = set(groups[name].permissions.values_list("pk", flat=True))
            missing = [p for p in wanted if p.pk not in have]
            if missing:
                groups[name].permissions.add(*missing)
        self.media_permissions(groups[FUNDRAISING])
        self.page_permissions(groups)
        self.workflow(groups[CLINICAL_REVIEWERS])
        self.retire_wagtail_moderation()
        return self.changes

    def retire_wagtail_moderation(self) -> None:
        """Only this site's workflow is offered: Wagtail's default one is switched off and taken
        off every page, its task switched off (kept, with any history), and the Moderators group
        deleted unless an administrator has put someone in it."""
        Workflow = self.apps.get_model("wagtailcore", "Workflow")
        WorkflowPage = self.apps.get_model("wagtailcore", "WorkflowPage")
        WorkflowContentType = self.apps.get_model("wagtailcore", "WorkflowContentType")
        Task = self.apps.get_model("wagtailcore", "Task")
        for workflow in Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW):
            removed, _ = WorkflowPage.objects.filter(workflow=workflow).delete()
            WorkflowContentType.objects.filter(workflow=workflow).delete()
            if workflow.active or removed:
                workflow.active = False
                workflow.save(update_fields=["active"])
                self.changes.append(f"switched off Wagtail's “{WAGTAIL_DEFAULT_WORKFLOW}” workflow")
        Task.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW, active=True).update(active=False)
        moderators = self.Group.objects.filter(name=WAGTAIL_MODERATORS).first()
        if moderators is not None and not moderators.user_set.exists():
            moderators.delete()
            self.changes.append(f"removed Wagtail's empty {WAGTAIL_MODERATORS} group")

    def media_permissions(self, group: Any) -> None:
        Collection = self.apps.get_model("wagtailcore", "Collection")
        GroupCollectionPermission = self.apps.get_model("wagtailcore", "GroupCollectionPermission")
        root = Collection.objects.filter(depth=1).first()
        if root is None:
            return
        for dotted in MEDIA_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=self.permission(dotted)
            )

    def pages_of_type(self, label: str) -> list[Any]:
        Page = self.apps.get_model("wagtailcore", "Page")
        return list(Page.objects.filter(content_type=self.content_type(label)).order_by("path"))

    def grant_pages(self, group: Any, pages: Iterable[Any]) -> None:
        GroupPagePermission = self.apps.get_model("wagtailcore", "GroupPagePermission")
        permissions = [self.permission(f"wagtailcore.{action}") for action in PAGE_ACTIONS]
        for page in pages:
            for permission in permissions:
                _, created = GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
                if created and permission.codename == "change_page":
                    self.changes.append(f"{group.name} may edit “{page.title}” and the pages under it")

    def page_permissions(self, groups: dict[str, Any]) -> None:
        Page = self.apps.get_model("wagtailcore", "Page")
        self.grant_pages(groups[EDITORS], list(Page.objects.filter(depth=1)))
        for label in FUNDRAISING_SECTIONS:
            self.grant_pages(groups[FUNDRAISING], self.pages_of_type(label))

    def workflow(self, reviewers: Any) -> None:
        Workflow = self.apps.get_model("wagtailcore", "Workflow")
        GroupApprovalTask = self.apps.get_model("wagtailcore", "GroupApprovalTask")
        WorkflowTask = self.apps.get_model("wagtailcore", "WorkflowTask")
        WorkflowPage = self.apps.get_model("wagtailcore", "WorkflowPage")
        WorkflowContentType = self.apps.get_model("wagtailcore", "WorkflowContentType")

        workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
        if created:
            task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
            if task is None:
                task = GroupApprovalTask.objects.create(
                    name=TASK_NAME, active=True, content_type=self.content_type("wagtailcore.groupapprovaltask")
                )
                task.groups.add(reviewers)
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
            self.changes.append(f"made the “{WORKFLOW_NAME}” workflow (approval by {CLINICAL_REVIEWERS})")

        for hub in self.pages_of_type(MEDICAL_HUB):
            # The hub and every page under it: a page's nearest ancestor with a workflow decides.
            if not WorkflowPage.objects.filter(page=hub).exists():
                WorkflowPage.objects.create(page=hub, workflow=workflow)
                self.changes.append(f"“{hub.title}” and its pages now need {WORKFLOW_NAME.lower()} to go live")
        for label in SIGN_OFF_SNIPPETS:
            content_type = self.content_type(label)
            if not WorkflowContentType.objects.filter(content_type=content_type).exists():
                WorkflowContentType.objects.create(content_type=content_type, workflow=workflow)


def ensure_editorial_setup(apps: Apps | None = None) -> list[str]:
    """Make sure the groups, their permissions and the sign-off workflow are in place; returns
    what it had to change (nothing, the second time)."""
    if apps is None:
        from django.apps import apps
    return Setup(apps).run()  # type: ignore[arg-type]  # the import above sets it when it was None


def ensure_editorial_setup_for_loader(loader: "ContentLoader") -> None:
    for change in ensure_editorial_setup():
        loader.report.other.append(change)
