"""Web page benchmarks for bench.py: the page of a 12-role, 23-competency framework stays under
1 MB and opens (DOMContentLoaded) in under 200 ms in headless Chromium; skipped with a note
when Chromium or Selenium is missing."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

import yaml

MAX_BYTES = 1_000_000
MAX_DOM_MS = 200.0


def framework_page(work: Path, make_ladder) -> Path:
    """The framework of the handout issue (12 roles, 23 competencies, two tracks) as a page."""
    source = work / "framework12x23.yaml"
    source.write_text(yaml.safe_dump(make_ladder(12, 2, 23), allow_unicode=True), encoding="utf-8")
    page = work / "framework12x23.html"
    subprocess.run([sys.executable, "-m", "pmladder", "html", str(source), "-o", str(page)], check=True,
                   capture_output=True)
    return page


def dom_content_loaded_ms(page: Path, rounds: int = 15) -> float | None:
    """The median time from navigation start to DOMContentLoaded, in ms (None: no browser)."""
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not (chromium and driver and os.path.exists(chromium)):
        return None
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        return None
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(arg)
    browser = webdriver.Chrome(service=Service(driver), options=options)
    try:
        times = []
        for _ in range(rounds):
            browser.get(page.as_uri())
            times.append(browser.execute_script(
                "const t = performance.getEntriesByType('navigation')[0];"
                "return t.domContentLoadedEventEnd - t.startTime;"))
        return statistics.median(times)
    finally:
        browser.quit()


def report(work: Path, make_ladder) -> int:
    """Print the page's size and opening time; the number of limits missed."""
    page = framework_page(work, make_ladder)
    size = page.stat().st_size
    failed = size > MAX_BYTES
    print(f"html page, 12 roles x 23 competencies: {size / 1000:.0f} kB (limit {MAX_BYTES / 1000:.0f})", end="")
    ms = dom_content_loaded_ms(page)
    if ms is None:
        print("; DOMContentLoaded not measured (needs chromium, chromium-driver and selenium)")
    else:
        print(f", DOMContentLoaded {ms:.0f} ms in headless Chromium (limit {MAX_DOM_MS:.0f})")
        failed += ms > MAX_DOM_MS
    return int(failed)
