"""The `landsby` command as a consultant uses it."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys

from landsby_utils.cli import main


def run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "LANDSBY_OFFLINE": "1"}
    return subprocess.run([sys.executable, "-m", "landsby_utils.cli", *args], capture_output=True, text=True, env=env)


def test_list_shows_the_four_clusters_with_municipality_and_village_count():
    result = run("list")
    assert result.returncode == 0, result.stderr
    lines = {line.split()[0]: line for line in result.stdout.splitlines()[2:]}
    assert set(lines) >= {"vestrum", "friskvind", "bedstmodwest", "nissumfjord"}
    assert "0760 Ringkøbing-Skjern" in lines["vestrum"] and lines["vestrum"].rstrip().endswith("7")
    assert "0661 Holstebro" in lines["nissumfjord"] and lines["nissumfjord"].rstrip().endswith("5")


def test_show_lists_villages_parishes_facilities_and_vintage():
    result = run("show", "vestrum")
    assert result.returncode == 0, result.stderr
    for expected in ("Stadil", "8758", "Facilities inside the cluster", "FOLK1B", "SOGN1", "2021-01-01", "snapshot",
                     "2019-09-11"):
        assert expected in result.stdout
    hee = next(line for line in result.stdout.splitlines() if line.startswith("8752"))
    assert hee.split()[-2:] == ["942", "901"]  # SOGN1 1 January 2014 and 2021 (SOURCES.md section 6)


def test_unknown_cluster_exits_non_zero_with_a_suggestion_and_no_traceback(capsys):
    assert main(["show", "vestrom"]) == 2
    err = capsys.readouterr().err
    assert "Did you mean: vestrum" in err and "Traceback" not in err


def test_serve_opens_on_its_cluster_and_ends_with_its_voila_server_and_kernels_when_stopped():
    """`landsby serve --klynge friskvind`: the server's own address (the last line Voilà prints, "Voilà is
    running at: http://localhost:8866/") opens FriskVind's overview, as the README says (before: Voilà's empty
    English file list). And `docker stop`, systemd and other supervisors stop `landsby serve` with SIGTERM to
    its own process: the Voilà server and its kernels end with it, and the port is free for the next start
    (the Dockerfile's CMD)."""
    import signal
    import socket

    import psutil
    from _support import free_port, redirect_of, wait_for_http

    port = free_port()
    env = {**os.environ, "LANDSBY_OFFLINE": "1"}
    process = subprocess.Popen([sys.executable, "-m", "landsby_utils.cli", "serve", "--ip", "127.0.0.1", "--port",
                                str(port), "--klynge", "friskvind"], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    started: list[psutil.Process] = []
    try:
        wait_for_http(f"http://127.0.0.1:{port}/", timeout=300)
        for path in ("/", "/voila/tree"):
            assert redirect_of(f"http://127.0.0.1:{port}{path}") == (302, "/voila/render/00_overblik.ipynb?klynge=friskvind"), path
        started = [psutil.Process(process.pid), *psutil.Process(process.pid).children(recursive=True)]
        assert len(started) > 1, "no kernels were started"  # the preheated pools
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
        _, alive = psutil.wait_procs(started, timeout=60)
        assert not alive, [" ".join(p.cmdline()[:4]) for p in alive]
        with socket.socket() as sock:
            assert sock.connect_ex(("127.0.0.1", port)) != 0, "the port still answers"
    finally:  # whatever is left of it (no other test's port or memory taken)
        for leftover in [psutil.Process(process.pid), *started] if process.poll() is None else started:
            with contextlib.suppress(psutil.NoSuchProcess):
                leftover.kill()
