"""The overview dashboard in Voilà, opened in headless Chromium as a villager would."""

from __future__ import annotations

import pytest
from _support import APP_STARTED, load_dashboard, screenshot

from landsby_utils.cluster import load_cluster

pytestmark = pytest.mark.browser
CLUSTERS = ("vestrum", "friskvind", "bedstmodwest", "nissumfjord")


@pytest.mark.parametrize("slug", CLUSTERS)
@pytest.mark.parametrize("viewport", ["phone", "laptop"])
def test_overview_shows_name_map_and_key_figures(voila_url, page_at, slug, viewport):
    cluster = load_cluster(slug)
    page = load_dashboard(page_at(viewport), f"{voila_url}/voila/render/00_overblik.ipynb?klynge={slug}")
    body = page.inner_text("body")
    assert cluster.name in page.inner_text("h1")
    assert "Nøgletal" in body and "Indbyggere i" in body
    assert all(v.name in body for v in cluster.villages)
    assert page.locator(".lb-error").count() == 0
    assert "Traceback" not in body and "error when executing" not in body
    assert "Kilder og licenser" in body and "OpenStreetMap" in body
    frame = page.frame_locator("iframe.landsby-map")
    frame.locator(".leaflet-overlay-pane path").first.wait_for(timeout=30_000)  # the cluster outline
    assert frame.locator(".leaflet-control-layers-overlays label").count() >= 3
    assert frame.locator(".leaflet-marker-icon").count() > 0
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"] + 1, "horizontal scrolling"
    assert page.errors == []
    screenshot(page, f"overblik-{slug}-{viewport}")


def test_english_edition(voila_url, page_at):
    page = load_dashboard(page_at(), f"{voila_url}/voila/render/00_overblik.ipynb?klynge=vestrum&lang=en")
    body = page.inner_text("body")
    assert "Key figures" in body and "Sources and licences" in body and "Nøgletal" not in body


@pytest.mark.parametrize("query", ["klynge=<script>alert(1)</script>", "klynge=vestrumm", "klynge=" + "x" * 5000])
def test_bad_query_gives_a_danish_message_and_reflects_no_html(voila_url, page_at, query):
    page = load_dashboard(page_at("phone"), f"{voila_url}/voila/render/00_overblik.ipynb?{query}")
    assert page.locator(".lb-error").count() == 1
    text = page.inner_text(".lb-error")
    assert "Der findes ingen landsbyklynge" in text
    assert page.locator("script:has-text('alert(1)')").count() == 0
    assert "Traceback" not in page.inner_text("body")


def test_a_100_kb_query_gets_the_page_with_a_danish_message(voila_url, page_at):
    """A shared link with a huge query value is answered (Tornado alone drops requests over 64 kB unanswered)."""
    page = load_dashboard(page_at("phone"), f"{voila_url}/voila/render/00_overblik.ipynb?klynge={'x' * 100_000}")
    assert "Der findes ingen landsbyklynge" in page.inner_text(".lb-error")
    assert len(page.inner_text(".lb-error")) < 1_000  # the value is cut, not repeated back


def test_an_empty_cluster_choice_shows_the_default_cluster(voila_url, page_at):
    page = load_dashboard(page_at("phone"), f"{voila_url}/voila/render/00_overblik.ipynb?klynge=")
    assert page.locator(".lb-error").count() == 0
    assert page.locator(".lb-header h1").inner_text().strip() == "VestRum"


def test_landing_page_lists_every_cluster_with_links(voila_url, page_at):
    page = page_at("phone")
    page.goto(f"{voila_url}/voila/render/forside.ipynb", wait_until="domcontentloaded")
    page.wait_for_selector(".lb-cards", timeout=120_000)
    page.wait_for_function(APP_STARTED, timeout=120_000)
    for slug in CLUSTERS:
        assert page.locator(f"a[href^='00_overblik.ipynb?klynge={slug}']").count() == 1
    screenshot(page, "forside-phone")
