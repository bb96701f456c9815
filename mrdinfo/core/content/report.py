"""What `load_content` did, for its output: pages created, updated, unchanged or left alone, and a
line for everything else it saved (settings, menus, images, what the apps' loaders load)."""

from dataclasses import dataclass, field


@dataclass
class LoadReport:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    skipped_edited: list = field(default_factory=list)
    other: list = field(default_factory=list)  # lines from settings, menus, images, registered loaders

    def summary(self) -> str:
        return f"{len(self.created)} pages created, {len(self.updated)} updated, {len(self.unchanged)} unchanged" + (
            f", {len(self.skipped_edited)} left alone (edited in Wagtail)" if self.skipped_edited else ""
        )
