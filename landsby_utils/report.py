"""The static datapakke: one self-contained site per cluster, built by ``landsby build``.

For each cluster the dashboards' notebooks are executed with papermill (parameters
``klynge``, ``lang`` and ``static_assets`` injected) and exported without code by
nbconvert with our template (``landsby_utils/templates/datapakke``). The site:

``index.html``         cluster, villages, headline figures, links, data vintage, build date
``<section>.html``     one page per dashboard (overblik, befolkning, faciliteter)
``kilder.html``        sources and licences
``data/*.csv``         every table behind a chart or list, plus ``datapakke.xlsx``
``assets/``            the stylesheet, plotly.js (the partial "basic" bundle) and Leaflet with its plugins, once per site
``en/``                the English edition, when built with ``--lang en``

The site is built in a temporary folder next to the target and swapped in only when
everything succeeded, so a failed build keeps the previous good one.
"""

from __future__ import annotations

import datetime as dt
import gzip
import html
import json
import os
import shutil
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pandas as pd

from landsby_utils import settings
from landsby_utils._errors import LandsbyError
from landsby_utils.i18n import t
from landsby_utils.sources._provenance import Provenance, format_date

ASSETS = "assets"
DATA = "data"
#: The partial plotly.js bundle (trace types scatter, bar, pie), under ``assets/``; vendored by scripts/vendor_assets.sh.
PLOTLY_JS = "vendor/plotly/plotly-basic.min.js"
#: Loads plotly.js (its gzip copy where it can) and draws the charts from their JSON (``landsby_utils/static``).
CHARTS_JS = "datapakke-charts.js"


@dataclass
class BuildResult:
    """What building one cluster's site gave."""

    slug: str
    lang: str
    ok: bool
    seconds: float = 0.0
    path: Path | None = None
    pages: list[str] = field(default_factory=list)
    error: str = ""


def _dashboards():
    """(section, notebook, page, dashboard class) for every dashboard whose notebook exists."""
    from landsby_utils.widgets._base import SECTIONS, dashboard_class

    found = []
    for section, notebook, page, _ in SECTIONS:
        if (settings.NOTEBOOKS_DIR / notebook).exists():
            found.append((section, notebook, page, dashboard_class(section)))
    return found


def _copy_assets(target: Path) -> None:
    package = resources.files("landsby_utils")
    target.mkdir(parents=True)
    shutil.copy(package / "static" / "landsby.css", target / "landsby.css")
    shutil.copy(package / "static" / CHARTS_JS, target / CHARTS_JS)
    shutil.copytree(package / "static" / "vendor", target / "vendor")
    # plotly.js gzipped (0.4 MB): the charts script fetches it and unpacks it in the browser, so a phone gets
    # the small copy from any host, also one that does not compress (mtime 0: the same bytes every build).
    bundle = target / PLOTLY_JS
    bundle.with_name(bundle.name + ".gz").write_bytes(gzip.compress(bundle.read_bytes(), compresslevel=9, mtime=0))


def _execute(notebook: str, slug: str, lang: str, workdir: Path) -> object:
    """Run one dashboard notebook with papermill; raise LandsbyError naming the failing cell."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    output = workdir / f"{Path(notebook).stem}.{lang}.ipynb"
    try:
        return papermill.execute_notebook(
            str(settings.NOTEBOOKS_DIR / notebook),
            str(output),
            parameters={"klynge": slug, "lang": lang, "static_assets": ASSETS},
            kernel_name="python3",
            # No cwd: papermill would os.chdir() the whole process, which races when a cluster's
            # notebooks run in parallel threads. The notebooks resolve every path through settings.
            progress_bar=False,
            log_output=False,
        )
    except PapermillExecutionError as exc:
        raise LandsbyError(
            f"{notebook} failed in cell {exc.exec_count}: {exc.ename}: {exc.evalue}",
            f"{notebook} fejlede i celle {exc.exec_count}: {exc.ename}: {exc.evalue}",
        ) from None


def _export(nb, title: str, lang: str, built: str) -> str:
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="datapakke",
        extra_template_basedirs=[str(resources.files("landsby_utils") / "templates")],
    )
    needs_plotly = any(
        'class="lb-chart-spec"' in str(output.get("data", {}).get("text/html", ""))
        for cell in nb.cells
        for output in cell.get("outputs", [])
    )
    meta = {"lang": lang, "title": title, "assets": ASSETS, "built": built,
            "charts": {"src": f"{ASSETS}/{CHARTS_JS}", "plotly": f"{ASSETS}/{PLOTLY_JS}"} if needs_plotly else None}
    body, _ = exporter.from_notebook_node(nb, resources={"landsby": meta})
    return body


def _page(title: str, lang: str, content: str, built: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n"
        f'<link rel="stylesheet" href="{ASSETS}/landsby.css">\n</head>\n<body>\n<main class="landsby-page">\n'
        f'<div class="landsby">{content}<p class="lb-built">{html.escape(built)}</p></div>\n</main>\n</body>\n</html>\n'
    )


def _write_tables(tables: dict[str, pd.DataFrame], provenances: list[Provenance], folder: Path, lang: str) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for name, frame in tables.items():
        frame.to_csv(folder / f"{name}.csv", index=False, encoding="utf-8-sig")
        names.append(f"{name}.csv")
    sources = pd.DataFrame([{"kilde": p.publisher(lang), "tabel": p.table_name(lang), "dato": p.reference_date,
                             "licens": p.licence_text(lang)} for p in provenances])
    with pd.ExcelWriter(folder / "datapakke.xlsx", engine="openpyxl") as writer:
        for name, frame in tables.items():
            frame.to_excel(writer, sheet_name=name[:31], index=False)
        sources.drop_duplicates().to_excel(writer, sheet_name="kilder" if lang == "da" else "sources", index=False)
    return [*names, "datapakke.xlsx"]


def _label(section: str) -> str:
    """The i18n key of a section's name (from the dashboards' navigation)."""
    from landsby_utils.widgets._base import SECTIONS

    return next(label for name, _, _, label in SECTIONS if name == section)


def _index_html(cluster, lang: str, dashboards, tables_files: list[str], provenances: list[Provenance], other_edition: bool) -> str:
    from landsby_utils.widgets._base import cards_html
    from landsby_utils.widgets.overview import OverviewDashboard

    overview = OverviewDashboard.load(cluster.slug, lang)
    links = "".join(f'<a href="{page}">{html.escape(t(_label(section), lang))}</a>' for section, _, page, _ in dashboards)
    links += f'<a href="kilder.html">{html.escape(t("sources", lang))}</a>'
    if other_edition:
        links += _edition_link(lang)
    villages = "".join(f"<li>{html.escape(v.name)}</li>" for v in cluster.villages)
    vintage = "".join(f"<li>{html.escape(p.describe(lang))}</li>" for p in _unique(provenances))
    downloads = "".join(f'<li><a href="{DATA}/{name}" download>{html.escape(name)}</a></li>' for name in tables_files)
    heading = "Datapakke" if lang == "da" else "Data package"
    return (
        f'<header class="lb-header"><h1>{html.escape(cluster.name)}</h1>'
        f'<p class="lb-sub">{html.escape(heading)} · {html.escape(t("cluster_in", lang, municipality=cluster.municipality_name))}</p>'
        f'<nav class="lb-nav">{links}</nav></header>'
        f'<h2>{html.escape(t("villages", lang))}</h2><ul class="lb-villages">{villages}</ul>'
        f'<h2>{html.escape(t("key_figures", lang))}</h2>{cards_html(overview.key_figures())}'
        f'<h2>{"Data og tabeller" if lang == "da" else "Data and tables"}</h2><ul>{downloads}</ul>'
        f'<h2>{"Datagrundlag" if lang == "da" else "Data vintage"}</h2><ul class="lb-source">{vintage}</ul>'
    )


def _edition_link(lang: str) -> str:
    """The index page's link to the other language edition (Danish at the root, English in en/)."""
    other = "en" if lang == "da" else "da"
    href = "en/index.html" if lang == "da" else "../index.html"
    return f'<a class="lb-lang" lang="{other}" hreflang="{other}" href="{href}">{t("other_language", lang)}</a>'


def _link_editions(root: Path) -> None:
    """Link the two editions' index pages to each other, whichever edition was built first.

    An index links to the other edition only if it existed when the index was written,
    so building ``--lang en`` after the Danish site adds the missing link to the Danish index.
    """
    indexes = {"da": root / "index.html", "en": root / "en" / "index.html"}
    if not all(path.exists() for path in indexes.values()):
        return
    for lang, path in indexes.items():
        text = path.read_text(encoding="utf-8")
        if 'class="lb-lang"' in text or "</nav></header>" not in text:
            continue
        path.write_text(text.replace("</nav></header>", _edition_link(lang) + "</nav></header>", 1), encoding="utf-8")


def _unique(provenances: list[Provenance]) -> list[Provenance]:
    seen, out = set(), []
    for p in provenances:
        key = (p.source, p.table, p.reference_date, p.served_from)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def _sources_html(cluster, lang: str, provenances: list[Provenance]) -> str:
    items = "".join(f"<li>{html.escape(p.describe(lang))}</li>" for p in _unique(provenances))
    pages = "".join(f'<li><a href="{html.escape(u)}">{html.escape(u)}</a></li>' for u in cluster.sources)
    if lang == "da":
        licences = (
            "<li>Danmarks Statistik: fri brug, også kommercielt, når kilden angives (svarer til CC BY 4.0).</li>"
            '<li>OpenStreetMap: © OpenStreetMap-bidragydere. Data er under Open Database License (ODbL 1.0); '
            'se <a href="https://www.openstreetmap.org/copyright">openstreetmap.org/copyright</a>. '
            "Tabeller afledt af OpenStreetMap i denne datapakke er ligeledes under ODbL.</li>"
            "<li>DAGI: sogne fra Klimadatastyrelsen (DAWA, august 2021) og kommuner fra Geodatastyrelsen (2014), frie geodata.</li>"
            "<li>Små tal: afledte antal personer på 1–4 vises som «&lt;5», og yderligere celler skjules, "
            "så de ikke kan regnes ud fra totaler.</li>"
        )
        head, named = "Kilder og licenser", "Klyngens landsbyer er nævnt på"
    else:
        licences = (
            "<li>Statistics Denmark: free use, also commercial, with the source credited (equivalent to CC BY 4.0).</li>"
            '<li>OpenStreetMap: © OpenStreetMap contributors, under the Open Database License (ODbL 1.0); see '
            '<a href="https://www.openstreetmap.org/copyright">openstreetmap.org/copyright</a>. '
            "Tables derived from OpenStreetMap in this data package are ODbL too.</li>"
            "<li>DAGI: parishes from Klimadatastyrelsen (DAWA, August 2021) and municipalities from Geodatastyrelsen (2014), free geodata.</li>"
            "<li>Small numbers: derived counts of 1–4 persons are shown as “&lt;5”, with further cells hidden so they "
            "cannot be worked out from totals.</li>"
        )
        head, named = "Sources and licences", "The cluster's villages are named on"
    back = "Tilbage til forsiden" if lang == "da" else "Back to the front page"
    return (
        f'<header class="lb-header"><h1>{html.escape(head)}</h1><p class="lb-sub">{html.escape(cluster.name)}</p>'
        f'<nav class="lb-nav"><a href="index.html">{back}</a></nav></header>'
        f"<h2>{html.escape(head)}</h2><ul>{items}</ul><ul>{licences}</ul><h2>{html.escape(named)}</h2><ul>{pages}</ul>"
    )


def _swap_in(tmp: Path, site: Path, keep: tuple[str, ...] = ()) -> None:
    """Replace ``site`` by ``tmp`` (keeping the named sub-folders of the old site)."""
    if site.exists():
        for name in keep:
            if (site / name).exists() and not (tmp / name).exists():
                os.replace(site / name, tmp / name)
        old = site.with_name(f".{site.name}.old-{os.getpid()}")
        os.replace(site, old)
        os.replace(tmp, site)
        shutil.rmtree(old, ignore_errors=True)
    else:
        site.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp, site)


def _default_notebook_jobs(jobs: int) -> int:
    """Kernels one cluster's build may run at once when ``jobs`` clusters are built in parallel."""
    return max(1, (os.cpu_count() or 1) // max(1, jobs))


def build_cluster(
    slug: str, lang: str = "da", out_dir: Path | None = None, on_step=None, notebook_jobs: int | None = None
) -> BuildResult:
    """Build one cluster's static site (one language edition).

    Parameters
    ----------
    slug : str
        Cluster slug.
    lang : {"da", "en"}
        Edition; Danish goes to ``build/<slug>/``, English to ``build/<slug>/en/``.
    out_dir : pathlib.Path, optional
        Build folder (default ``settings.BUILD_DIR``).
    on_step : callable, optional
        Called with a short description after each notebook (for progress bars).
    notebook_jobs : int, optional
        Notebooks executed at once, each in its own kernel (default: one per CPU core,
        at most one per dashboard).

    Returns
    -------
    BuildResult
        Never raises for a cluster's own failure: the result says what went wrong.
    """
    from landsby_utils.cluster import load_cluster

    started = time.perf_counter()
    out_dir = Path(out_dir or settings.BUILD_DIR)
    site = out_dir / slug if lang == "da" else out_dir / slug / "en"
    result = BuildResult(slug, lang, False, path=site)
    tmp: Path | None = None
    try:
        cluster = load_cluster(slug)
        try:
            site.parent.mkdir(parents=True, exist_ok=True)
            tmp = Path(tempfile.mkdtemp(prefix=f".{slug}-{lang}.tmp-", dir=site.parent))
            tmp.chmod(0o755)  # mkdtemp makes it private; the site is served by a web server running as another user
        except OSError as exc:
            raise LandsbyError(
                f"cannot write to the build folder {site.parent}: {exc.strerror}",
                f"kan ikke skrive i byggemappen {site.parent}: {exc.strerror}",
            ) from None
        built_on = dt.date.today().isoformat()
        built = (f"Bygget {format_date(built_on, 'da')} med landsby-datapakke." if lang == "da"
                 else f"Built {format_date(built_on, 'en')} with landsby-datapakke.")
        _copy_assets(tmp / ASSETS)
        workdir = tmp / ".notebooks"
        workdir.mkdir()
        dashboards = _dashboards()
        tables: dict[str, pd.DataFrame] = {}
        provenances: list[Provenance] = []
        # The notebooks are independent: run up to ``notebook_jobs`` kernels at once (threads
        # that wait on the kernels), and compute the downloadable tables here meanwhile.
        workers = max(1, min(len(dashboards) or 1, notebook_jobs or _default_notebook_jobs(1)))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix=f"nb-{slug}") as pool:
            futures = [pool.submit(_execute, notebook, slug, lang, workdir) for _, notebook, _, _ in dashboards]
            try:
                for section, _, _, cls in dashboards:
                    dashboard = cls.load(slug, lang)  # frames prepared once, shared with the notebooks' kernels
                    tables.update({f"{section}_{name}": frame for name, frame in dashboard.tables().items()})
                    provenances.extend(dashboard.provenances())
                for (section, _, page, _), future in zip(dashboards, futures, strict=True):
                    nb = future.result()
                    title = f"{cluster.name} – {t(_label(section), lang)}"
                    (tmp / page).write_text(_export(nb, title, lang, built), encoding="utf-8")
                    result.pages.append(page)
                    if on_step:
                        on_step(f"{slug}/{page}")
            except BaseException:
                for future in futures:
                    future.cancel()
                raise
        shutil.rmtree(workdir)
        files = _write_tables(tables, provenances, tmp / DATA, lang)
        (tmp / "index.html").write_text(
            _page(f"{cluster.name} – datapakke", lang, _index_html(cluster, lang, dashboards, files, provenances, (site / "en" if lang == "da" else site.parent).joinpath("index.html").exists()), built),
            encoding="utf-8",
        )
        (tmp / "kilder.html").write_text(
            _page(f"{cluster.name} – {t('sources', lang)}", lang, _sources_html(cluster, lang, provenances), built), encoding="utf-8"
        )
        manifest = {
            "cluster": slug, "lang": lang, "built": built_on, "pages": ["index.html", *result.pages, "kilder.html"],
            "tables": files, "sources": [p.as_dict() for p in _unique(provenances)],
        }
        (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        _swap_in(tmp, site, keep=("en",) if lang == "da" else ())
        tmp = None
        _link_editions(out_dir / slug)
        result.ok = True
    except LandsbyError as exc:
        result.error = exc.message
    except OSError as exc:
        result.error = f"file system error: {exc.strerror or exc} ({getattr(exc, 'filename', '')})"
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
        result.seconds = time.perf_counter() - started
    return result


def _build_one(args: tuple[str, str, str | None, int]) -> BuildResult:
    slug, lang, out_dir, notebook_jobs = args
    return build_cluster(slug, lang, Path(out_dir) if out_dir else None, notebook_jobs=notebook_jobs)


def build_sites(slugs: list[str], lang: str = "da", jobs: int = 1, out_dir: Path | None = None, progress: bool = True) -> list[BuildResult]:
    """Build several clusters, ``jobs`` at a time; one failure does not stop the others.

    Parameters
    ----------
    slugs : list of str
        Clusters to build.
    lang : {"da", "en"}
        Edition.
    jobs : int
        Clusters built in parallel (processes), at least 1.
    out_dir : pathlib.Path, optional
        Build folder.
    progress : bool
        Show a progress bar.

    Returns
    -------
    list of BuildResult
        In the order of ``slugs``.
    """
    from tqdm import tqdm

    if jobs < 1:
        raise LandsbyError("--jobs must be at least 1", "--jobs skal være mindst 1")
    steps = len(slugs) * max(1, len(_dashboards()))
    bar = tqdm(total=steps, desc="datapakke", unit="side", disable=not progress)
    results: dict[str, BuildResult] = {}
    try:
        if jobs == 1:
            for slug in slugs:
                results[slug] = build_cluster(slug, lang, out_dir, on_step=lambda _: bar.update(1),
                                              notebook_jobs=_default_notebook_jobs(1))
        else:
            from concurrent.futures import ProcessPoolExecutor, as_completed

            with ProcessPoolExecutor(max_workers=jobs) as pool:
                futures = {pool.submit(_build_one, (s, lang, str(out_dir) if out_dir else None, _default_notebook_jobs(jobs))): s for s in slugs}
                for future in as_completed(futures):
                    result = future.result()
                    results[result.slug] = result
                    bar.update(len(result.pages) or max(1, len(_dashboards())))
    finally:
        bar.close()
    return [results[s] for s in slugs]


def print_pdfs(result: BuildResult) -> list[Path]:
    """Print the index and each section of a built site to A4 PDF with headless Chromium.

    Parameters
    ----------
    result : BuildResult
        A successful build.

    Returns
    -------
    list of pathlib.Path
        The PDF files (``pdf/<page>.pdf`` in the site), A4.

    Raises
    ------
    LandsbyError
        When Chromium is missing or fails on a page.
    """
    import subprocess

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise LandsbyError("--pdf needs Debian's chromium (apt-get install chromium)", "--pdf kræver chromium")
    folder = result.path / "pdf"
    folder.mkdir(exist_ok=True)
    written = []
    for page in ["index.html", *result.pages]:
        target = folder / page.replace(".html", ".pdf")
        target.unlink(missing_ok=True)
        # Paper size (A4) and margins come from the stylesheet's @page rule; the virtual-time
        # budget lets the lazy map iframe and the charts render before printing.
        try:
            subprocess.run(
                [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--no-pdf-header-footer", "--virtual-time-budget=8000", f"--print-to-pdf={target}",
                 (result.path / page).as_uri()],
                check=True, capture_output=True, timeout=120,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise LandsbyError(f"chromium could not print {page}: {exc}", f"chromium kunne ikke printe {page}: {exc}") from None
        if not target.exists():
            raise LandsbyError(f"chromium wrote no PDF for {page}", f"chromium skrev ingen PDF for {page}")
        written.append(target)
    return written
