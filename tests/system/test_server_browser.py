"""The web interface in a real browser: Playwright driving Debian's chromium against `kg serve`.

Home page → a municipality → a promise → a saved query run from its form → the table and the
chart. Screenshots go to test-artifacts/ (gitignored).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import ARTIFACTS, chromium, require_chromium
from server_support import QUERIES, fill_store, kg_serve

from kg.store.core import StoreSettings, open_store

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    require_chromium()
    path = tmp_path_factory.mktemp("browser") / "store"
    store = open_store(StoreSettings(path))
    try:
        fill_store(store)
    finally:
        store.close()
    with kg_serve(path, "--queries", str(QUERIES)) as base:
        yield base


def test_home_municipality_promise_and_saved_query(server: str, tmp_path: Path) -> None:
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1200, "height": 900}, locale="sv-SE")
        page.goto(server)
        assert page.locator("h1").inner_text() == "Medborgarlöften"
        page.screenshot(path=str(ARTIFACTS / "1-home.png"), full_page=True)

        page.get_by_role("link", name="Nyköpings kommun").first.click()
        page.wait_for_url("**/id/org/kommun-0480")
        assert page.locator("h1").inner_text() == "Nyköpings kommun"
        page.screenshot(path=str(ARTIFACTS / "2-municipality.png"), full_page=True)

        page.get_by_role(
            "link", name="Påhittat exempel: medborgarlöfte Nyköpings kommun 2025-2026"
        ).first.click()
        page.wait_for_url("**/id/promise/0480-2025-2026")
        assert page.get_by_role("heading", name="Aktiviteter").is_visible()
        assert page.locator("table.activities tbody tr").count() == 5
        page.screenshot(path=str(ARTIFACTS / "3-promise.png"), full_page=True)

        page.get_by_role("link", name="Sparade frågor").click()
        page.get_by_role(
            "link", name="En kommuns medborgarlöften / the citizen promises of a municipality"
        ).click()
        page.fill("#p-municipality", "Nyköping")
        page.get_by_role("button", name="Kör").click()
        page.wait_for_selector("[data-testid=results]")
        rows = page.locator("[data-testid=results] tbody tr")
        assert rows.count() == 2
        page.screenshot(path=str(ARTIFACTS / "4-saved-query-table.png"), full_page=True)

        page.get_by_role("link", name="Sparade frågor").click()
        page.get_by_role("link", name="Prioriterade områden efter antal kommuner", exact=False).click()
        page.get_by_role("button", name="Kör").click()
        chart = page.locator("[data-testid=chart]")
        chart.wait_for()
        assert page.locator("[data-testid=results] tbody tr").count() >= 3
        assert chart.locator("rect").count() >= 3
        assert chart.is_visible()
        page.screenshot(path=str(ARTIFACTS / "5-saved-query-chart.png"), full_page=True)
