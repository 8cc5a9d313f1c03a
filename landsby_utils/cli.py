"""The ``landsby`` command: list, show, serve (and more as the project grows).

Errors the user can cause (a bad cluster file, an unknown slug, missing data)
are printed as one clear message and exit with status 2; no tracebacks.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Callable, Sequence

from landsby_utils import settings
from landsby_utils._errors import LandsbyError

#: Sub-command name → (help text, function adding arguments, function running it).
COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]] = {}


def command(name: str, help_text: str, arguments: Callable[[argparse.ArgumentParser], None] = lambda p: None):
    """Register a sub-command (decorator)."""

    def register(func: Callable[[argparse.Namespace], int]):
        COMMANDS[name] = (help_text, arguments, func)
        return func

    return register


def _table(rows: Sequence[Sequence[object]], header: Sequence[str]) -> str:
    cells = [list(map(str, header)), *[[str(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


@command("list", "list the clusters with municipality and number of villages")
def _list(args: argparse.Namespace) -> int:
    from landsby_utils.cluster import list_clusters

    clusters, errors = list_clusters()
    rows = [(c.slug, c.name, f"{c.municipality_code} {c.municipality_name}", len(c.villages)) for c in clusters]
    print(_table(rows, ("slug", "name", "municipality", "villages")))
    for error in errors:
        print(f"error: {error.message}", file=sys.stderr)
    return 2 if errors else 0


def _show_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("slug", help="cluster slug, e.g. vestrum")


@command("show", "show a cluster's villages, parishes, facilities and data vintage", _show_arguments)
def _show(args: argparse.Namespace) -> int:
    import pandas as pd

    from landsby_utils import facilities as fac
    from landsby_utils.cluster import load_cluster
    from landsby_utils.i18n import source_text
    from landsby_utils.sources import provenance_of
    from landsby_utils.sources.osm import facilities_for_bbox
    from landsby_utils.sources.statbank import population_by_area, sogn1

    cluster = load_cluster(args.slug)
    print(f"{cluster.name} ({cluster.slug}) — {cluster.municipality_name} Kommune ({cluster.municipality_code})")
    if cluster.description:
        print(cluster.description)
    print()
    rows = [(v.name, ", ".join(v.parishes), f"{v.lat:.4f}, {v.lon:.4f}", source_text(v.point_source, "da"))
            for v in cluster.villages]
    print(_table(rows, ("village", "parishes", "point", "point from")))
    print()
    parish_figures = sogn1(cluster.parish_codes)
    totals = parish_figures[(parish_figures["sex"] == "total") & (parish_figures["age"] == "total")]
    by_year = totals.pivot_table(index="area_code", columns="period", values="persons", aggfunc="first")
    years = list(by_year.columns)
    parish_rows = [(p.parish_code, p.name, p.villages,
                    *[("-" if p.parish_code not in by_year.index or pd.isna(by_year.at[p.parish_code, y])
                       else int(by_year.at[p.parish_code, y])) for y in years])
                   for p in cluster.parishes.itertuples()]
    print(_table(parish_rows, ("parish", "name", "villages", *[f"inhabitants {y}" for y in years])))
    print()
    facilities = facilities_for_bbox(cluster.bbox())
    inside = facilities[facilities.within(cluster.geometry)]
    counts = inside[inside["category"] != "andet"]["category"].value_counts()
    print(f"Facilities inside the cluster ({len(inside)} OSM elements, {counts.sum()} in datapakke categories):")
    print(_table([(fac.category_label(c, "en"), n) for c, n in counts.items()], ("category", "count")))
    print()
    population = population_by_area([cluster.municipality_code])
    vintage = [
        ("population (parishes)", provenance_of(parish_figures)),
        ("population (municipality)", provenance_of(population)),
        ("facilities", provenance_of(facilities)),
        ("boundaries", provenance_of(cluster.parishes)),
    ]
    print(_table([(what, p.publisher("da"), p.table_name("da"), p.reference_date, p.served_from) for what, p in vintage],
                 ("data", "source", "table", "reference date", "served from")))
    return 0


def _serve_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=8866, help="port (default 8866)")
    parser.add_argument("--ip", default="localhost",
                        help="address to listen on (default localhost; 0.0.0.0 in a container, see Dockerfile)")
    parser.add_argument("--klynge", default=settings.DEFAULT_CLUSTER,
                        help="cluster whose overview the server's address opens (and the printed URL shows)")


def voila_arguments(port: int, ip: str = "localhost") -> list[str]:
    """Voilà's arguments for the dashboards: notebooks folder, port, address, and the config paths."""
    return [str(settings.NOTEBOOKS_DIR.relative_to(settings.ROOT)), f"--port={port}", f"--Voila.ip={ip}", "--no-browser",
            *voila_config_args()]


def voila_command(port: int, ip: str = "localhost") -> list[str]:
    """The Voilà command line that serves the dashboards (run from the repository root).

    Voilà itself, with compressed and cacheable responses and the map libraries served once
    (``landsby_utils/voila_config/server.py``), reading voila.json and voila_config/voila.py.
    """
    return [sys.executable, "-m", "landsby_utils.voila_config.server", *voila_arguments(port, ip)]


def voila_config_args() -> list[str]:
    """Voilà flags that read voila.json (repository root) and landsby_utils/voila_config/voila.py."""
    folders = [str(settings.ROOT), str(settings.ROOT / "landsby_utils" / "voila_config")]
    return [f"--Voila.config_file_paths={folder}" for folder in folders]


@command("serve", "serve the Voilà dashboards (reads voila.json)", _serve_arguments)
def _serve(args: argparse.Namespace) -> int:
    from landsby_utils import frames
    from landsby_utils.cluster import cluster_slugs, load_cluster
    from landsby_utils.widgets._base import dashboard_classes

    cluster = load_cluster(args.klynge)
    # Every page then only reads its cluster's small prepared files (see landsby_utils/frames.py).
    print("Forbereder klyngernes data ...", flush=True)
    for error in frames.prepare_all(cluster_slugs(), dashboard_classes())[1]:  # a broken cluster file shows its error on its pages
        print(f"warning: {error.message}", file=sys.stderr)
    overview = f"voila/render/00_overblik.ipynb?klynge={cluster.slug}"
    print(f"Datapakke for {cluster.name}: http://localhost:{args.port}/{overview}", flush=True)
    print(f"Alle klynger: http://localhost:{args.port}/voila/render/forside.ipynb", flush=True)
    # Voilà takes over this process, as JupyterLab does for `landsby lab`: a stop signal (Ctrl-C, `docker stop`,
    # systemd) reaches Voilà itself, which shuts its kernels down and frees the port. (A child process would
    # have kept serving after its parent had ended.)
    os.chdir(settings.ROOT)  # where voila.json is read
    # The server's own address (the one Voilà prints last) leads to the cluster's overview.
    command = [*voila_command(args.port, args.ip), f"--LandsbyVoila.landing={overview}"]
    os.execv(command[0], command)


def _prepare_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("slugs", nargs="*", help="cluster slugs (default: every cluster)")


@command("prepare", "compute every dashboard's frames ahead and keep them in the cache (serve does this first)",
         _prepare_arguments)
def _prepare(args: argparse.Namespace) -> int:
    from landsby_utils import frames
    from landsby_utils.cluster import cluster_slugs
    from landsby_utils.widgets._base import dashboard_classes

    rows, errors = frames.prepare_all(args.slugs or cluster_slugs(), dashboard_classes())
    print(_table([(slug, kind, f"{seconds:.2f} s", "made" if made else "up to date") for kind, slug, seconds, made in rows],
                 ("cluster", "dashboard", "time", "frames")))
    print(f"in {frames.frames_dir()}")
    for error in errors:
        print(f"error: {error.message}", file=sys.stderr)
    return 2 if errors else 0


@command("derive", "re-derive the processed snapshot files and the West Jutland cluster files")
def _derive(args: argparse.Namespace) -> int:
    from landsby_utils._derive import derive_all

    for path in derive_all():
        print(path.relative_to(settings.ROOT))
    return 0


def _fetch_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("slug", nargs="?", help="cluster slug, e.g. vestrum")
    parser.add_argument("--all", action="store_true", help="fetch for every cluster")
    parser.add_argument("--refresh", action="store_true", help="ask the servers even when the HTTP cache is fresh")


def _fetch_jobs(cluster, refresh: bool) -> list[tuple[str, bool, Callable[[], object]]]:
    """(what, essential, reader) for everything a cluster's datapakke needs, all with network=True."""
    from landsby_utils.sources import dst_moves, dst_parish_moves, osm, statbank

    areas = [area.code for area in cluster.comparison_areas]
    parishes = cluster.parish_codes
    bbox = cluster.bbox(settings.OSM_MARGIN_M)
    return [
        ("area population", True, lambda: statbank.population_by_area(areas, network=True, refresh=refresh)),
        ("parish population", True, lambda: statbank.sogn1(parishes, network=True, refresh=refresh)),
        ("parish church membership", False, lambda: statbank.km1(parishes, network=True, refresh=refresh)),
        ("births, deaths, migration", False, lambda: dst_moves.accounts(network=True, refresh=refresh)),
        ("moves between municipalities", False,
         lambda: statbank.fly66(cluster.municipality_code, network=True, refresh=refresh)),
        ("moves by age", False, lambda: dst_moves.flows(cluster.municipality_code, network=True, refresh=refresh)),
        ("parish births, deaths, moves", False,
         lambda: dst_parish_moves.parish_vitals(parishes, network=True, refresh=refresh)),
        ("facilities", True, lambda: osm.facilities_for_bbox(bbox, network=True, refresh=refresh)),
        ("places", False, lambda: osm.places_for_bbox(bbox, network=True, refresh=refresh)),
    ]


@command("fetch", "fetch StatBank and OpenStreetMap data for a cluster into the local cache", _fetch_arguments)
def _fetch(args: argparse.Namespace) -> int:
    import warnings

    from tqdm import tqdm

    from landsby_utils.cluster import cluster_slugs, load_cluster
    from landsby_utils.sources import provenance_of

    if args.all == bool(args.slug):
        raise LandsbyError("name one cluster, or use --all", "angiv én klynge, eller --all")
    clusters = [load_cluster(slug) for slug in (cluster_slugs() if args.all else [args.slug])]
    work = [(cluster, *job) for cluster in clusters for job in _fetch_jobs(cluster, args.refresh)]
    rows, failed = [], []
    with tqdm(work, desc="landsby fetch", unit="table", file=sys.stderr, disable=None) as progress:
        for cluster, what, essential, reader in progress:
            progress.set_postfix_str(f"{cluster.slug}: {what}")
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                try:
                    frame = reader()
                except LandsbyError as exc:
                    rows.append((cluster.slug, what, "-", "-", "-", "unavailable", exc.message))
                    if essential:
                        failed.append(f"{cluster.slug}: {what}")
                    continue
            p = provenance_of(frame)
            notes = [p.notes_text("da"), *(str(w.message) for w in caught)]
            note = " ".join(n for n in notes if n)
            rows.append((cluster.slug, what, f"{p.publisher('da')} {p.table_name('da')}", len(frame), p.reference_date or "-",
                         p.served_from, note))
            if essential and len(frame) == 0:
                failed.append(f"{cluster.slug}: {what} (no rows)")
            elif essential and frame.attrs.get("missing_codes"):
                failed.append(f"{cluster.slug}: {what} (kept {len(frame)} rows; the table has no figures for "
                              f"{', '.join(frame.attrs['missing_codes'])})")
    print(_table([row[:-1] for row in rows], ("cluster", "what", "source", "rows", "reference date", "served from")))
    notes = [f"- {row[0]}, {row[1]}: {row[-1]}" for row in rows if row[-1]]
    if notes:
        print("\nnotes:\n" + "\n".join(notes))
    if failed:
        print(f"error: essential data are missing (what arrived is kept): {'; '.join(failed)}", file=sys.stderr)
        return 2
    return 0


def _jobs(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def _build_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("slugs", nargs="*", metavar="SLUG", help="clusters to build")
    parser.add_argument("--all", action="store_true", help="build every cluster")
    parser.add_argument("--jobs", type=_jobs, default=1, help="clusters built in parallel (default 1)")
    parser.add_argument("--lang", choices=("da", "en"), default="da", help="edition (default da; en goes to build/SLUG/en)")
    parser.add_argument("--out", default=None, help=f"build folder (default {settings.BUILD_DIR.name}/)")
    parser.add_argument("--pdf", action="store_true", help="also print each page to PDF with headless Chromium")


@command("build", "build the static datapakke site of one or more clusters", _build_arguments)
def _build(args: argparse.Namespace) -> int:
    from pathlib import Path

    from landsby_utils.cluster import cluster_slugs, load_cluster
    from landsby_utils.report import build_sites, print_pdfs

    if args.all == bool(args.slugs):
        raise LandsbyError("name one or more clusters, or use --all", "angiv en eller flere klynger, eller --all")
    slugs = cluster_slugs() if args.all else [load_cluster(s).slug for s in args.slugs]
    out = Path(args.out) if args.out else settings.BUILD_DIR
    results = build_sites(slugs, args.lang, args.jobs, out, progress=sys.stderr.isatty() or bool(os.environ.get("LANDSBY_PROGRESS")))
    if args.pdf:
        for result in results:
            if result.ok:
                print_pdfs(result)
    rows = [(r.slug, r.lang, "ok" if r.ok else "FAILED", f"{r.seconds:.1f} s", str(r.path) if r.ok else r.error) for r in results]
    print(_table(rows, ("cluster", "lang", "status", "time", "site / error")))
    return 0 if all(r.ok for r in results) else 2


def _lab_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("slug", help="cluster slug, e.g. vestrum")
    parser.add_argument("--lang", choices=("da", "en"), default="da", help="language of the copies (default da)")
    parser.add_argument("--dir", default=None, help="work folder (default <cache>/lab/SLUG, outside git)")
    parser.add_argument("--fresh", action="store_true", help="run the notebooks again even where a copy exists")
    parser.add_argument("--no-start", action="store_true", help="only make the copies; do not start JupyterLab")
    parser.add_argument("--no-browser", action="store_true", help="start JupyterLab without opening a browser")
    parser.add_argument("--port", type=int, default=8888, help="JupyterLab's port (default 8888)")


def lab_copies(slug: str, lang: str, folder: os.PathLike[str] | str, fresh: bool = False) -> list[tuple[str, str]]:
    """Run every dashboard notebook for a cluster with papermill into a work folder.

    The tracked notebooks in ``notebooks/`` are only read: JupyterLab's autosave writes into the
    copies. A copy that already exists is the consultant's own work and is kept unless ``fresh``.

    Parameters
    ----------
    slug : str
        Cluster slug (validated first).
    lang : {"da", "en"}
        Language of the copies.
    folder : path-like
        The work folder (created if missing).
    fresh : bool
        Run the notebooks again even where a copy exists.

    Returns
    -------
    list of (str, str)
        ``(notebook, what happened)`` for each dashboard notebook: "made", "kept" or the failure.
    """
    from pathlib import Path

    import papermill
    from papermill.exceptions import PapermillExecutionError

    from landsby_utils.cluster import load_cluster

    cluster = load_cluster(slug)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for notebook in sorted(settings.NOTEBOOKS_DIR.glob("*.ipynb")):
        if "klynge" not in papermill.inspect_notebook(str(notebook)):  # the landing page is not per cluster
            continue
        target = folder / notebook.name
        if target.exists() and not fresh:
            rows.append((notebook.name, "kept (your copy; --fresh runs it again)"))
            continue
        try:
            papermill.execute_notebook(str(notebook), str(target), parameters={"klynge": cluster.slug, "lang": lang},
                                       kernel_name="python3", cwd=str(folder), progress_bar=False, log_output=False)
            rows.append((notebook.name, "made"))
        except PapermillExecutionError as exc:  # the copy shows the failing cell; the others are still made
            rows.append((notebook.name, f"FAILED in cell {exc.exec_count}: {exc.ename}: {exc.evalue}"))
    return rows


def lab_command(folder: os.PathLike[str] | str, port: int, browser: bool = True) -> list[str]:
    """The JupyterLab command line that opens ``folder`` (``--allow-root`` when run as root)."""
    jupyter = shutil.which("jupyter", path=os.path.dirname(sys.executable)) or shutil.which("jupyter") or "jupyter"
    command = [jupyter, "lab", f"--ServerApp.root_dir={folder}", f"--port={port}"]
    if not browser:
        command.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    return command


@command("lab", "run the dashboard notebooks for a cluster into a work folder outside git and open JupyterLab there",
         _lab_arguments)
def _lab(args: argparse.Namespace) -> int:
    from pathlib import Path

    folder = (Path(args.dir) if args.dir else settings.CACHE_DIR / "lab" / args.slug).resolve()
    print(f"Kører notebooks for {args.slug} i {folder} ...", flush=True)
    rows = lab_copies(args.slug, args.lang, folder, args.fresh)
    print(_table(rows, ("notebook", "copy")))
    print(f"Work copies in {folder} (the tracked notebooks in {settings.NOTEBOOKS_DIR} stay as recorded).", flush=True)
    if args.no_start:
        return 0
    data_path = str(settings.ROOT / "share" / "jupyter")
    env = {**os.environ, "JUPYTER_PATH": os.pathsep.join(p for p in (data_path, os.environ.get("JUPYTER_PATH")) if p)}
    command = lab_command(folder, args.port, browser=not args.no_browser)
    os.execve(command[0], command, env)  # JupyterLab takes over this process (its signals, its exit status)


def _survey_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", required=True)
    for action, help_text in (("import", "check a survey export and keep its anonymised answers (outside git)"),
                              ("check", "report which questions and answers of an export map to the template")):
        child = sub.add_parser(action, help=help_text, description=help_text)
        child.add_argument("slug", help="cluster slug, e.g. vestrum")
        child.add_argument("files", nargs="+", metavar="FILE",
                           help="a Google Forms CSV, a Microsoft Forms .xlsx, or SurveyXact's dataset, structure and labels files")
        child.add_argument("--mapping", default=None,
                           help="mapping file (default: <first file>.mapping.toml or mapping.toml beside it)")


def survey_report_lines(report) -> list[str]:
    """What ``landsby survey check`` prints: what maps, what does not (with the closest labels), what stops an import."""
    lines = [f"format: {report.format} ({', '.join(report.files)}), {report.rows} rows"]
    if report.personal:
        lines.append("dropped as personal (never stored): " + ", ".join(report.personal))
    lines.append("")
    from landsby_utils.survey_frames import template

    free = {q.id for q in template().of_kind("text")}
    lines.append(_table([(m.source.label[:60], m.question_id, m.how + (" (free text: never stored)" if m.question_id in free else ""))
                         for m in report.matched], ("source question", "template id", "matched by")))
    if report.unmatched:
        lines += ["", "not mapped (left out of the import):"]
        lines += [f"- {source.label[:70]!r}; closest template questions: {' | '.join(c[:50] for c in near)}"
                  for source, near in report.unmatched]
    if report.ignored:
        lines.append("ignored by the mapping file: " + ", ".join(report.ignored))
    for qid, labels in report.unknown.items():
        lines += ["", f"answers to {qid} that match no label:"]
        lines += [f"- {label!r} ({count}×); closest: {', '.join(report.closest[qid][label])}" for label, count in labels.items()]
    if report.errors:
        lines += ["", *[f"error: {error.message}" for error in report.errors]]
    else:
        lines += ["", "ok: the survey can be imported"]
    return lines


@command("survey", "import or check a cluster's citizen survey (SurveyXact, Google Forms, Microsoft Forms)", _survey_arguments)
def _survey(args: argparse.Namespace) -> int:
    from landsby_utils import survey_frames

    if args.action == "check":
        _, report = survey_frames.check_survey(args.slug, args.files, args.mapping)
        print("\n".join(survey_report_lines(report)))
        return 2 if report.errors else 0
    path, report = survey_frames.import_survey(args.slug, args.files, args.mapping)
    if report.unmatched:
        print("left out (no template question): " + "; ".join(s.label[:60] for s, _ in report.unmatched))
    if report.no_village:
        print(f"left out: {report.no_village} respondent(s) who did not say which village they live in")
    print(f"imported {report.rows - report.no_village} respondents ({report.format}) for {args.slug}; "
          f"personal columns dropped: {', '.join(report.personal) or 'none'}")
    print(f"kept in {path} (outside git); the dashboards show it from now on")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every registered sub-command."""
    parser = argparse.ArgumentParser(prog="landsby", description="Datapakke for landsbyklynger.")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (help_text, arguments, func) in COMMANDS.items():
        child = sub.add_parser(name, help=help_text, description=help_text)
        arguments(child)
        child.set_defaults(func=func)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``landsby`` console script."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except LandsbyError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `landsby show vestrum | head -1`: the reader has what it wanted
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
