"""The "Steder som os" page in Voilà at a phone's size: drawn, accessible (axe), and the indicator choice works."""

from __future__ import annotations

import pytest
from _support import load_dashboard, new_page, screenshot
from test_accessibility import axe_violations

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def page(voila_url, chromium):
    page = new_page(chromium, "phone")
    load_dashboard(page, f"{voila_url}/voila/render/04_sammenligning.ipynb?klynge=vestrum")
    page.locator(".lb-interactive input[type=checkbox]").first.wait_for(timeout=120_000)
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 1", timeout=180_000)
    page.frame_locator("iframe.landsby-map").locator("path.leaflet-interactive").first.wait_for(timeout=60_000)
    yield page
    page.context.close()


def test_page_shows_positions_similar_places_and_map_on_a_phone(page):
    body = page.inner_text("body")
    assert "VestRum" in page.inner_text("h1")
    assert "Hvor står vi?" in body and "Sogne, der ligner Hee" in body
    assert "ud af 10 danske landsogne" in body
    assert "Andre landsbyklynger, der ligner os" in body and "Sådan er der sammenlignet" in body
    assert page.locator(".lb-nav a[aria-current=page]").inner_text().strip() == "Steder som os"
    assert page.frame_locator("iframe.landsby-map").locator("path.leaflet-interactive").count() >= 70
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"] + 1
    assert "Traceback" not in body and page.locator(".lb-error").count() == 0
    screenshot(page, "sammenligning-vestrum-phone")


def test_unticking_every_indicator_says_so_and_ticking_one_changes_the_lists(page):
    boxes = page.locator(".lb-interactive input[type=checkbox]")
    first_list = page.locator("ul.lb-similar").first.inner_text()
    for index in range(boxes.count()):
        if boxes.nth(index).is_checked():
            boxes.nth(index).uncheck()
    page.get_by_text("Vælg mindst ét kendetal").wait_for(timeout=30_000)
    page.get_by_label("Andel 0–15 år, 2014 (%)").check()
    page.locator("ul.lb-similar").first.wait_for(timeout=30_000)
    page.wait_for_function("(before) => { const l = document.querySelector('ul.lb-similar'); return l && l.innerText !== before; }",
                           arg=first_list, timeout=30_000)
    assert "Traceback" not in page.inner_text("body")


def test_no_serious_accessibility_violation(page):
    serious = [v for v in axe_violations(page) if v["impact"] in ("critical", "serious")]
    assert serious == [], serious
