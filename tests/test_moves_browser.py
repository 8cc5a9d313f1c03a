"""The "Hvem flytter" page under Voilà on a phone: the age-band picker redraws map and table; axe finds nothing serious.

Expected figures are read from the raw FLY66 zip (see test_moves_dashboard.raw_totals), not from the code.
"""

from __future__ import annotations

import json

import pytest
from _support import load_dashboard, new_page
from test_accessibility import axe_violations
from test_moves_dashboard import raw_totals

from landsby_utils.i18n import fmt_int

pytestmark = pytest.mark.browser

#: True when the flow map's frame has drawn its lines.
FLOW_MAP_DRAWN = """() => [...document.querySelectorAll('iframe.landsby-map')].some(f => {
    const d = f.contentDocument; return d && d.querySelectorAll('.leaflet-overlay-pane path').length >= 10;
})"""


@pytest.fixture(scope="module")
def phone_page(voila_url, chromium):
    page = new_page(chromium, "phone")
    load_dashboard(page, f"{voila_url}/voila/render/06_flytninger.ipynb?klynge=vestrum")
    page.locator(".lb-band-picker select").wait_for(timeout=120_000)
    page.wait_for_function(FLOW_MAP_DRAWN, timeout=60_000)
    yield page
    page.context.close()


def test_choosing_an_age_band_changes_the_flows_on_a_phone(phone_page):
    page = phone_page
    text = page.locator(".lb-interactive").inner_text()
    assert "Herning" in text and "2.567" in text  # all ages: out 2,567 (README)
    into, out = raw_totals("Ringkøbing-Skjern", range(18, 30))
    page.locator(".lb-band-picker select").select_option(label="18–29 år")
    page.wait_for_function("t => document.querySelector('.lb-interactive').innerText.includes(t)", arg=fmt_int(out),
                           timeout=30_000)
    text = page.locator(".lb-interactive").inner_text()
    assert "18–29 år" in text and fmt_int(into) in text
    page.wait_for_function(FLOW_MAP_DRAWN, timeout=60_000)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1
    assert "Tallene gælder Ringkøbing-Skjern Kommune, ikke landsbyerne." in page.inner_text("body")
    assert page.errors == []


def test_no_serious_accessibility_violation(phone_page):
    serious = [v for v in axe_violations(phone_page) if v["impact"] in ("critical", "serious")]
    assert not serious, json.dumps(serious, ensure_ascii=False, indent=1)[:4000]
