"""A person with a browser: Playwright driving Debian's Chromium against `archive serve`.

The server runs as the user starts it (`archive serve --port 0`), in its own
process group, and is stopped by the fixture that started it. Screenshots of
each page go to the test's temporary folder (and to /tmp/web-shots/ to look at).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SCRIPT

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path("/tmp/web-shots")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
]  # fmt: skip

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="no /usr/bin/chromium (apt-get install chromium)"
)
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def server(web_home, tmp_path_factory):
    """`archive serve` on a free port of the loopback; its URL."""
    log = tmp_path_factory.mktemp("server") / "stderr.txt"
    with log.open("w") as errors:
        process = subprocess.Popen(
            [sys.executable, "-m", "archive", "--home", str(web_home), "serve", "--port", "0"],
            stdout=subprocess.PIPE, stderr=errors, text=True, start_new_session=True,
        )  # fmt: skip
    try:
        line = process.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert found, line + log.read_text()
        yield found.group(0).rstrip("/")
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        process.stdout.close()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, tmp_path):
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.problems = []  # what the console complains of (a CSP violation, say) and dialogs
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("pageerror", lambda e: page.problems.append(str(e)))

    def dialog(d):
        page.problems.append(f"dialog: {d.message}")
        d.dismiss()

    page.on("dialog", dialog)
    page.shots = tmp_path
    yield page
    context.close()


def shoot(page, name: str) -> None:
    path = page.shots / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    SHOTS.mkdir(exist_ok=True)
    shutil.copy(path, SHOTS / path.name)


def test_search_filter_open_come_back_page_on_and_meet_a_person(server, page):
    page.goto(server + "/")
    page.fill("#q", "Syria")
    page.fill("#speaker", "hammond")
    page.fill("#since", "2015-12")
    shoot(page, "0-typed")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/search\?q=Syria&speaker=hammond&since=2015-12"))
    hits = page.locator(".hit")
    assert hits.count() >= 1
    speakers = page.locator(".hit .facts .speaker").all_inner_texts()
    assert speakers and set(speakers) == {"Philip Hammond"}
    dates = page.locator(".hit .facts .date").all_inner_texts()
    assert all(d >= "2015-12" for d in dates)
    assert page.locator(".hit mark").first.inner_text().lower().startswith("syria")
    shoot(page, "1-results")
    results_url = page.url
    first_title = hits.first.locator("h3").inner_text()

    link = hits.first.locator("a.hit-link")
    passage_id = link.get_attribute("href").split("#")[1]
    link.click()
    page.wait_for_url(re.compile(rf"/documents/.*#{re.escape(passage_id)}$"))
    assert page.evaluate("document.querySelector(':target').id") == passage_id
    box = page.locator(f"[id='{passage_id}']").bounding_box()
    assert 0 <= box["y"] < 900  # scrolled to
    background = page.eval_on_selector(":target", "e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")  # highlighted
    shoot(page, "2-document")

    page.go_back()
    assert page.url == results_url
    assert page.locator(".hit h3").first.inner_text() == first_title
    assert page.input_value("#speaker") == "hammond"

    page.fill("#speaker", "")
    page.fill("#since", "")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/search\?q=Syria$"))
    assert "1–10 of" in page.inner_text(".summary")
    page.click("a.next")
    page.wait_for_url(re.compile(r"page=2"))
    assert "11–20 of" in page.inner_text(".summary")
    shoot(page, "3-page-2")

    page.locator(".hit .facts a.speaker").first.click()
    page.wait_for_url(re.compile(r"/people/\d+$"))
    assert page.locator("svg.timeline rect.bar").count() >= 1
    assert page.locator(".person h1").inner_text()
    shoot(page, "4-person")
    assert page.problems == []


def test_speaker_suggestions_come_as_you_type(server, page):
    page.goto(server + "/")
    page.type("#speaker", "hammo", delay=30)
    page.wait_for_selector("#speaker-names option[value='Philip Hammond']", state="attached")
    assert page.problems == []  # htmx runs under the Content-Security-Policy


def test_who_says_it_and_the_timeline(server, page):
    page.goto(server + "/search?q=Syria")
    page.click("nav.tabs >> text=Who says it")
    page.wait_for_url(re.compile(r"/speakers\?q=Syria"))
    assert "Philip Hammond" in page.inner_text("table.people")
    shoot(page, "5-speakers")
    page.click("nav.tabs >> text=Timeline")
    page.wait_for_url(re.compile(r"/timeline\?q=Syria"))
    assert page.locator("svg.timeline rect.bar-news").count() >= 2
    shoot(page, "6-timeline")
    assert page.problems == []


def test_injected_scripts_show_as_text_and_never_run(server, page):
    page.goto(server + "/search?q=Zanzibarian")
    shown = page.inner_text("main")
    assert SCRIPT in shown
    assert "onerror=alert(1)>" in shown
    assert page.locator("main img").count() == 0
    shoot(page, "7-injection-results")
    page.locator("a.hit-link").first.click()
    page.wait_for_load_state()
    assert SCRIPT in page.inner_text("h1")
    assert page.locator("main img").count() == 0
    shoot(page, "8-injection-document")
    page.goto(server + "/search?q=" + "%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert page.input_value("#q") == SCRIPT
    assert page.problems == []  # no dialog opened, nothing refused


def test_a_bad_date_is_said_beside_the_box(server, page):
    page.goto(server + "/")
    page.fill("#q", "Syria")
    page.fill("#since", "2015-13")
    page.click("button[type=submit]")
    assert "not a real date" in page.inner_text("#since-error")
    assert page.input_value("#since") == "2015-13"
    page.goto(server + "/search?q=%22kinetic+options")
    assert "position 1" in page.inner_text("#q-error")
    shoot(page, "9-bad-query")
