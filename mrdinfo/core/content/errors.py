class ContentError(Exception):
    """A mistake in a content file, reported as path:line: message."""

    def __init__(self, path: str, line: int, message: str) -> None:
        self.path, self.line, self.message = path, line, message
        super().__init__(f"{path}:{line}: {message}")
