"""The landing page (``notebooks/forside.ipynb``): every cluster with links to its dashboards."""

from __future__ import annotations

import html

from landsby_utils import params
from landsby_utils.i18n import t
from landsby_utils.widgets._base import SECTIONS, HTMLPart, error_box, stylesheet


def landing_page(lang: str | None = None) -> HTMLPart:
    """The list of clusters (name, municipality, villages) with links to each dashboard.

    Parameters
    ----------
    lang : {"da", "en"}, optional
        Language (the query string's ``lang`` wins under Voilà).

    Returns
    -------
    HTMLPart
        The page; broken cluster files are listed with their message.
    """
    from landsby_utils import settings
    from landsby_utils.cluster import list_clusters

    lang = params.resolve(None, lang).lang
    clusters, errors = list_clusters()
    other = "en" if lang == "da" else "da"
    rows = []
    for cluster in clusters:
        links = " · ".join(
            f'<a href="{notebook}?klynge={cluster.slug}&amp;lang={lang}">{html.escape(t(label, lang))}</a>'
            for _, notebook, _, label in SECTIONS
            if (settings.NOTEBOOKS_DIR / notebook).exists()
        )
        villages = ", ".join(v.name for v in cluster.villages)
        rows.append(
            f'<section class="lb-card lb-section"><h2 style="margin-top:0">{html.escape(cluster.name)}</h2>'
            f"<p>{html.escape(cluster.municipality_name)} {'Kommune' if lang == 'da' else 'Municipality'} · "
            f"{len(cluster.villages)} {html.escape(t('villages', lang).lower())}: {html.escape(villages)}</p>"
            f'<nav class="lb-links">{links}</nav></section>'
        )
    problems = "".join(error_box(e, lang).html for e in errors)
    body = (
        f'<header class="lb-header"><h1>{html.escape(t("app_title", lang))}</h1>'
        f'<p class="lb-sub">{html.escape(t("landing_intro", lang))}</p>'
        f'<nav class="lb-nav"><a class="lb-lang" lang="{other}" href="forside.ipynb?lang={other}">{t("other_language", lang)}</a></nav></header>'
        f'<div class="lb-cards" style="margin-top:1rem;grid-template-columns:repeat(auto-fit,minmax(min(100%,280px),1fr))">{"".join(rows)}</div>{problems}'
    )
    text = "\n".join(f"{c.name} ({c.municipality_name}): {', '.join(v.name for v in c.villages)}" for c in clusters)
    return HTMLPart(stylesheet() + body, text)
