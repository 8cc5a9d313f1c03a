"""The population page's subject: which villages are chosen, what the figures are about, how it is named."""

from __future__ import annotations

import html
import warnings

import pandas as pd

from landsby_utils import population as pop
from landsby_utils._errors import DataUnavailableError, InvalidArgumentError
from landsby_utils.i18n import t
from landsby_utils.parts import HTMLPart, notice
from landsby_utils.sources import provenance_of


class PopulationSubject:
    """Mixin of :class:`~landsby_utils.widgets.population.PopulationDashboard`: the chosen villages' frame, the municipality as fallback, captions."""

    def village_figures(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """:attr:`village_table` (numbers) and the mask of cells hidden to protect small counts.

        Raises
        ------
        DataUnavailableError
            When there are no parish figures.
        """
        if self.village_table is None:
            raise DataUnavailableError("no parish figures", t("pop_gap", "da", slug=self.cluster.slug,
                                                              municipality=self.cluster.municipality_name))
        return self.village_table

    @property
    def has_parish_data(self) -> bool:
        """True when parish figures are available for at least one village."""
        return self.parishes.frame is not None and bool(self.villages_with_data())

    @property
    def interactive(self) -> bool:
        """True when the picker works: live page and parish data."""
        return not self.static and self.has_parish_data

    def villages_with_data(self) -> list[str]:
        """Names of the villages all of whose parishes have figures."""
        return self.data.villages_with_data

    def villages_without_data(self) -> list[str]:
        """Names of the villages with no (complete) parish figures."""
        have = set(self.villages_with_data())
        return [v.name for v in self.cluster.villages if v.name not in have]

    def selection_frame(self, names: list[str] | None = None) -> pd.DataFrame:
        """The summed population of the chosen villages' parishes (tidy, ``level == "cluster"``).

        Parameters
        ----------
        names : list of str, optional
            Village names (default: the current selection).

        Returns
        -------
        pandas.DataFrame
            Tidy rows with provenance.

        Raises
        ------
        InvalidArgumentError
            If nothing is chosen, a name is not a village of the cluster, or a chosen village has no data.
        """
        names = self.selected if names is None else list(names)
        if not names:
            raise InvalidArgumentError("no village chosen", t("pop_empty_selection", "da"))
        known = {v.name: v for v in self.cluster.villages}
        unknown = [n for n in names if n not in known]
        if unknown:
            raise InvalidArgumentError(f"not villages of {self.cluster.slug}: {unknown}",
                                       f"{', '.join(unknown)} hører ikke til klyngen {self.cluster.name}")
        without = [n for n in names if n not in self.villages_with_data()]
        if without:
            raise InvalidArgumentError(f"no population data for {without}",
                                       t("pop_no_data_villages", "da", villages=", ".join(without)))
        codes = list(dict.fromkeys(c for n in names for c in known[n].parishes))
        name = self.cluster.name if names == self.villages_with_data() else ", ".join(names)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # years lacking a parish are dropped; the notice says which parishes lack data
            return pop.cluster_population(self.parishes.frame, codes, code=self.cluster.slug, name=name)

    def _subject(self) -> tuple[pd.DataFrame, str, bool]:
        """(frame, how it is named in sentences, protected) for totals: the selection, else the municipality."""
        if self.has_parish_data:
            frame = self.selection_frame()
            label = t("pop_the_cluster", self.lang, name=self.cluster.name) if self._all_chosen() else ", ".join(self.selected)
            return frame, label, True
        return self.municipality, self._municipality_label(), False

    def _age_subject(self) -> tuple[pd.DataFrame, str, bool]:
        """Like :meth:`_subject` but for age-based figures (needs SOGN1)."""
        if self.has_parish_data and self.parishes.has_ages:
            return self._subject()
        return self.municipality, self._municipality_label(), False

    def _municipality_label(self) -> str:
        name = self.cluster.municipality_name
        return t("pop_municipality_name", self.lang, name=name)

    def _caption(self, *frames: pd.DataFrame) -> str:
        seen = []
        for frame in frames:
            line = provenance_of(frame).describe(self.lang)
            if line not in seen:
                seen.append(line)
        text = " ".join(seen)
        if any(frame["level"].iloc[0] == "cluster" for frame in frames if "level" in frame and len(frame)):
            text += " " + t("pop_derived_note", self.lang)
        return text

    def _data_notice_part(self) -> HTMLPart:
        """What the figures cover: the honest gap notice, or which parishes are summed."""
        lang = self.lang
        data = self.parishes
        if not self.has_parish_data:
            text = t("pop_gap", lang, slug=self.cluster.slug, municipality=self.cluster.municipality_name)
            return notice(text)
        names = dict(zip(self.cluster.parishes["parish_code"], self.cluster.parishes["name"], strict=True))
        have = [c for c in self.cluster.parish_codes if c not in data.missing]
        lines = [t("pop_basis", lang, parishes=", ".join(f"{names.get(c, c)} ({c})" for c in have))]
        if data.missing:
            lines.append(t("pop_missing_parishes", lang, codes=", ".join(data.missing),
                           villages=", ".join(self.villages_without_data()) or "–"))
        if not data.has_ages:
            lines.append(t("pop_ages_missing", lang, municipality=self.cluster.municipality_name, slug=self.cluster.slug))
        merged = data.frame.attrs.get("like_for_like", {})
        if merged:
            text = "; ".join(f"{names.get(c, c)} ({c}) = " + " + ".join(ps) for c, ps in merged.items())
            lines.append(t("pop_like_for_like", lang, merged=text, start=min(pop.years_in(data.frame))))
        if data.frame.attrs.get("not_comparable"):
            lines.append(t("pop_not_comparable", lang, codes=", ".join(data.frame.attrs["not_comparable"])))
        return HTMLPart("".join(f'<p class="lb-caption">{html.escape(line)}</p>' for line in lines), "\n".join(lines))
