"""The data-quality pages in a real browser: Playwright driving Debian's chromium against
``kg serve`` on a store ``kg import`` wrote (the ``make run`` documents, and two real-looking
promises of Nyköping with a gap between them, one imported twice): from the navigation to the
country page, its charts and table, then a municipality's page with its coverage timeline, the
missing years, its findings over time and its import history. Screenshots go to test-artifacts/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import ARTIFACTS, chromium, require_chromium
from server_support import REPO, kg_serve
from typer.testing import CliRunner

from kg.cli import app

pytestmark = [pytest.mark.browser, pytest.mark.slow]

EXAMPLE = REPO / "examples" / "nykoping-2025-2026.ttl"
BUNDLED = [EXAMPLE, REPO / "data" / "seeds", REPO / "data" / "followups"]


def _promise(first: str, last: str) -> str:
    text = EXAMPLE.read_text(encoding="utf-8").replace("    mbl:isExample true ;\n", "")
    return (
        text.replace("2025-2026", f"{first}-{last}")
        .replace("2025-", f"{first}-")
        .replace("2026-", f"{last}-")
    )


def _kg(store: Path, *args: str) -> None:
    result = CliRunner().invoke(app, ["--store", str(store), "--quiet", *args])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    require_chromium()
    folder = tmp_path_factory.mktemp("quality-browser")
    store = folder / "store"
    early, late = folder / "early.ttl", folder / "late.ttl"
    early.write_text(_promise("2019", "2020"), encoding="utf-8")
    late.write_text(_promise("2022", "2023"), encoding="utf-8")
    _kg(store, "init")
    _kg(store, "import", *map(str, BUNDLED), str(early), str(late))
    late.write_text(
        late.read_text(encoding="utf-8").replace("    mbl:frequency freq:per-termin ;\n", ""), "utf-8"
    )
    # a second revision, most often in the same second as the first import: the history has two points
    _kg(store, "import", str(late))
    with kg_serve(store) as base:
        yield base


def test_country_and_municipality_pages(server: str) -> None:
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1300, "height": 900}, locale="sv-SE")
        page.goto(server)
        page.get_by_role("link", name="Datakvalitet").first.click()
        page.wait_for_url("**/_/quality")
        assert page.locator("h1").inner_text() == "Datakvalitet"
        coverage = page.locator("[data-testid=coverage-by-year]")
        assert coverage.is_visible() and coverage.locator("rect").count() >= 8  # 2017 .. 2027
        assert page.locator("[data-testid=findings-over-time] polyline").count() == 4
        rows = page.locator("[data-testid=quality-table] tbody tr")
        assert rows.count() == 290
        linkoping = page.locator("[data-testid=quality-table] tr[data-code='0580']")
        assert "2023–2024" in linkoping.inner_text()
        nykoping = page.locator("[data-testid=quality-table] tr[data-code='0480'] [data-testid=year-strip]")
        assert nykoping.locator("rect[fill='#d7301f']").count() == 1  # 2021, missing between two promises
        page.screenshot(path=str(ARTIFACTS / "quality-1-country.png"), full_page=True)

        page.get_by_role("link", name="Nyköping", exact=True).click()
        page.wait_for_url("**/_/quality/0480")
        assert page.locator("h1").inner_text().startswith("Datakvalitet: Nyköping")
        timeline = page.locator("[data-testid=coverage-timeline]")
        assert timeline.is_visible()
        assert timeline.locator("rect[data-gap='2021']").count() == 1  # between 2019-2020 and 2022-2023
        assert "2021" in page.locator("[data-testid=quality-coverage] dd.gaps").inner_text()
        assert page.locator("[data-testid=quality-promises] tbody tr").count() == 2
        assert page.locator("[data-testid=quality-findings]").is_visible()
        assert page.locator("[data-testid=quality-followups]").is_visible()
        history = page.locator("[data-testid=quality-history]")
        # a point per import (the first one and the second revision), on each of 4 lines
        assert history.locator("[data-testid=findings-over-time] circle").count() == 8
        changes = page.locator("[data-testid=quality-changes] tbody tr")
        assert changes.count() == 3 and "promise/0480-2022-2023" in changes.first.inner_text()
        page.screenshot(path=str(ARTIFACTS / "quality-2-municipality.png"), full_page=True)

        page.get_by_role("link", name="In English").first.click()
        assert "Data quality" in page.locator("h1").inner_text()
