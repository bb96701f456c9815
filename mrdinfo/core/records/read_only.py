"""Records staff may read but never add, change, delete or copy in Wagtail, superusers included
(donations, Gift Aid declarations, newsletter sign-ups: what people told us). Seeing them still
needs the model's "view" permission. An app registers it for its models from AppConfig.ready(),
before Wagtail builds a fallback policy:

    register_permission_policy(Model, ReadOnlyPermissionPolicy(Model))"""

from collections.abc import Iterable
from typing import Any

from wagtail.permission_policies import ModelPermissionPolicy

WRITE_ACTIONS = {"add", "change", "delete", "copy"}


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user: Any, action: str) -> bool:
        return action not in WRITE_ACTIONS and bool(super().user_has_permission(user, action))

    def user_has_any_permission(self, user: Any, actions: Iterable[str]) -> bool:
        return bool(super().user_has_any_permission(user, [a for a in actions if a not in WRITE_ACTIONS]))

    def user_has_permission_for_instance(self, user: Any, action: str, instance: Any) -> bool:
        return self.user_has_permission(user, action)

    def user_has_any_permission_for_instance(self, user: Any, actions: Iterable[str], instance: Any) -> bool:
        return self.user_has_any_permission(user, actions)
