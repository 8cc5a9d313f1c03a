"""The citizen survey page's numbers: the suppressed aggregates behind its parts and exports (no HTML).

Each function takes the page's :class:`~landsby_utils.survey_frames.SurveyFrames` (counts and sums only) and
returns a numeric table in which every group of 1–4 respondents is hidden ("<5", a secondary one "×"),
the same in every table of the page (:func:`hidden`). The dashboard (``widgets/survey.py``) only formats them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from landsby_utils import privacy
from landsby_utils import survey_results as res
from landsby_utils.survey_frames import SurveyFrames, template

CLUSTER = res.CLUSTER
#: The marks a hidden count shows as.
HIDDEN_MARKS = (privacy.HIDDEN_MARK, privacy.small_mark())


def hidden(data: SurveyFrames) -> dict[str, str]:
    """Villages whose number of respondents is hidden ("<5" or "×"): hidden in every table of the page."""
    return res.hidden_villages(data.respondents)


def likert_shares(data: SurveyFrames, question_id: str, hidden_villages: dict[str, str]) -> tuple[pd.DataFrame, pd.Series]:
    """One focus area's shares per level (%) and answered marks per village and cluster (hidden ones NaN)."""
    return res.likert_shares(data.likert, question_id, data.villages, hidden_villages)


def respondents_frame(data: SurveyFrames) -> pd.DataFrame:
    """Village, respondents (mark), residents aged 16+, response rate (%, NaN when hidden): numbers for export."""
    d = data
    marks = res.count_marks(d.respondents)
    residents = d.residents.reindex(d.villages)
    rate = (d.respondents / residents * 100).where(res.visible(marks.drop(CLUSTER)))
    total_res = d.residents.get(CLUSTER, np.nan)
    total = int(d.respondents.sum())
    cluster_rate = total / total_res * 100 if total_res and not privacy.is_small(total) else np.nan
    return pd.DataFrame({
        "village": [*d.villages, CLUSTER],
        "respondents": [marks[v] for v in d.villages] + [marks[CLUSTER]],
        "residents_16plus": [*residents.to_numpy(), total_res],
        "response_rate_pct": [*rate.round(1).to_numpy(), round(cluster_rate, 1) if pd.notna(cluster_rate) else np.nan],
    })


def focus_frame(data: SurveyFrames) -> pd.DataFrame:
    """Each focus area per village and cluster: answered (mark) and the share of each level (%; NaN when hidden)."""
    d, rows, hide = data, [], hidden(data)
    for question in template().of_kind("likert"):
        if question.id not in d.meta.get("questions", []):
            continue
        shares, marks = res.likert_shares(d.likert, question.id, d.villages, hide)
        for row in shares.index:
            rows.append({"question": question.id, "village": row, "answered": marks[row],
                         **{f"pct_{level}": round(float(v), 1) if pd.notna(v) else np.nan for level, v in shares.loc[row].items()}})
    return pd.DataFrame(rows)


def satisfaction_frame(data: SurveyFrames) -> pd.DataFrame:
    """Life satisfaction (0–10) per village and cluster: answered (mark) and average (NaN when hidden)."""
    totals = data.scales.get("livstilfredshed")
    if totals is None or "livstilfredshed" not in data.meta.get("questions", []):
        return pd.DataFrame(columns=["village", "answered", "mean"])
    means, marks = res.mean_scores(totals, hidden(data))
    return pd.DataFrame({"village": list(means.index), "answered": [marks[v] for v in means.index],
                         "mean": [round(float(m), 1) if pd.notna(m) else np.nan for m in means.to_numpy()]})


def multi_frame(data: SurveyFrames, question_id: str) -> pd.DataFrame:
    """A multiple-choice question: per option the cluster's count (mark) and the shares (%) of cluster and villages."""
    counts, answered = data.multi[question_id]
    shares = res.option_shares(counts, answered, hidden(data))
    cluster_marks = res.count_marks(counts.sum(axis=1), total=False)
    frame = pd.DataFrame({"option": list(counts.index), "chosen_in_cluster": list(cluster_marks.to_numpy())})
    for column in shares.columns:
        frame[f"pct_{column}"] = shares[column].round(1).to_numpy()
    return frame
