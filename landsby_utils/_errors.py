"""Typed errors that name what was wrong and what would be valid.

Every error a user can cause derives from :class:`LandsbyError`; the CLI and the
dashboards catch that class and show its message (in Danish in dashboards)
instead of a traceback.
"""

from __future__ import annotations

from collections.abc import Sequence


class LandsbyError(Exception):
    """Base class for errors caused by input or by unavailable data.

    Parameters
    ----------
    message : str
        English message for developers and the CLI.
    message_da : str, optional
        Danish message for villagers; defaults to ``message``.
    """

    def __init__(self, message: str, message_da: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.message_da = message_da or message

    def localized(self, lang: str = "da") -> str:
        """Return the message in ``lang`` ("da" or "en"; any other language gets the English message)."""
        return {"da": self.message_da}.get(lang, self.message)


class ClusterFileError(LandsbyError):
    """A cluster file is missing, malformed or names things that do not exist.

    Parameters
    ----------
    path : str
        The cluster file.
    field : str
        The field (e.g. ``villages[2].name``) that is wrong.
    problem : str
        What is wrong, in English.
    problem_da : str
        What is wrong, in Danish.
    line : int, optional
        Line in the file, when known.
    suggestions : sequence of str, optional
        The closest valid choices.
    """

    def __init__(
        self,
        path: str,
        field: str,
        problem: str,
        problem_da: str,
        line: int | None = None,
        suggestions: Sequence[str] = (),
    ) -> None:
        where = f"{path}" + (f", line {line}" if line else "")
        where_da = f"{path}" + (f", linje {line}" if line else "")
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        hint_da = f" Mente du: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(
            f"{where}: field '{field}': {problem}.{hint}",
            f"Fejl i klyngefilen {where_da}, feltet '{field}': {problem_da}.{hint_da}",
        )
        self.path = path
        self.field = field
        self.line = line
        self.suggestions = list(suggestions)


class UnknownClusterError(LandsbyError):
    """No cluster file has the requested slug."""

    def __init__(self, slug: str, suggestions: Sequence[str] = ()) -> None:
        shown = slug if len(slug) <= 40 else slug[:40] + "…"
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        hint_da = f" Mente du: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(
            f"No cluster called '{shown}'.{hint}",
            f"Der findes ingen landsbyklynge med navnet '{shown}'.{hint_da}",
        )
        self.slug = slug
        self.suggestions = list(suggestions)


class DataUnavailableError(LandsbyError):
    """Data could not be had from the live source, the cache or the snapshot."""


class SourceError(LandsbyError):
    """A remote source answered with an error or with a body that cannot be parsed."""


class InvalidArgumentError(LandsbyError, ValueError):
    """A function argument is outside the valid choices."""
