"""A real headless Chromium (Debian's ``chromium`` + ``chromium-driver``) driven through Selenium.

``start_browser()`` installs the browser once per session with ``scripts/install-browser.sh``
when ``/usr/bin/chromium`` is missing, and raises ``BrowserUnavailable`` (the tests turn it into
a failure, never a skip) when that is impossible. Every wait is bounded and says what it awaited.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

from kg.config import REPO_ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
INSTALL_SCRIPT = REPO_ROOT / "scripts" / "install-browser.sh"
# Without the background-networking flags Chromium hangs on a closed network (it waits for
# component updates, sync and QUIC probes); the profile is always a fresh temporary directory.
CHROMIUM_FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--window-size=1280,1024",
)
WAIT_LIMIT = 20.0  # seconds: the longest any single browser wait may take
# The Accept header Chromium sends when it navigates to a page (for diagnostics).
NAVIGATION_ACCEPT = ("text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,"
                     "*/*;q=0.8,application/signed-exchange;v=b3;q=0.7")

T = TypeVar("T")


class BrowserUnavailable(RuntimeError):
    """Chromium, its driver or Selenium is missing and could not be installed."""


_install_failure: str | None = None
_install_tried = False


def ensure_chromium() -> None:
    """Make sure Debian's chromium and chromedriver are installed, running the set-up script once."""
    global _install_failure, _install_tried
    if CHROMIUM.exists() and CHROMEDRIVER.exists():
        return
    if not _install_tried:
        _install_tried = True
        try:
            done = subprocess.run(["bash", str(INSTALL_SCRIPT)], capture_output=True, text=True, timeout=900)
        except (OSError, subprocess.TimeoutExpired) as exc:
            _install_failure = f"{INSTALL_SCRIPT} could not run: {exc}"
        else:
            if done.returncode != 0:
                tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
                _install_failure = f"{INSTALL_SCRIPT} exited with {done.returncode}:\n{tail}"
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        raise BrowserUnavailable(
            f"headless browser tests need {CHROMIUM} and {CHROMEDRIVER} (Debian packages 'chromium' and "
            f"'chromium-driver'); installing them failed: {_install_failure or 'files still missing'}"
        )


def response_type(url: str) -> str:
    """The status and Content-Type ``url`` gets with a browser's navigation Accept header."""
    try:
        with urlopen(Request(url, headers={"Accept": NAVIGATION_ACCEPT}), timeout=WAIT_LIMIT) as response:
            return f"{response.status} {response.headers.get('Content-Type')!r}"
    except OSError as exc:
        return f"an error ({exc})"


class Browser:
    """One Chromium session (one tab) with bounded, self-describing waits."""

    def __init__(self, driver: Any, profile_dir: str) -> None:
        self.driver = driver
        self._profile_dir = profile_dir

    # -- navigation and scripts ------------------------------------------------------------
    def open(self, url: str) -> None:
        """Show the HTML page at ``url``, waiting (bounded) until its document is complete.

        Chromium downloads a response it cannot display (e.g. RDF/XML) and stays on the previous
        page; that is reported at once, with the content type the server gave the browser.
        """
        self.driver.get(url)
        wanted = urlsplit(url)
        shown = urlsplit(self.url)
        if (shown.netloc, shown.path) != (wanted.netloc, wanted.path):
            raise AssertionError(
                f"Chromium did not display {url} (it is still on {self.url!r}). The server answers a browser's "
                f"navigation (Accept: {NAVIGATION_ACCEPT}) with {response_type(url)}; Chromium treats a "
                "response it cannot show as a download and stays on the previous page"
            )
        self.wait_for(lambda: self.js("return document.readyState") == "complete", f"{url} to finish loading")
        content_type = self.js("return document.contentType")
        if content_type != "text/html":
            raise AssertionError(f"{url} is shown as {content_type!r}, not as an HTML page")

    def js(self, script: str, *args: Any) -> Any:
        return self.driver.execute_script(script, *args)

    def find(self, css: str) -> Any:
        from selenium.webdriver.common.by import By

        return self.driver.find_element(By.CSS_SELECTOR, css)

    def find_all(self, css: str) -> list[Any]:
        from selenium.webdriver.common.by import By

        return self.driver.find_elements(By.CSS_SELECTOR, css)

    @property
    def url(self) -> str:
        return self.driver.current_url

    # -- waiting -----------------------------------------------------------------------------
    def wait_for(self, condition: Callable[[], T], what: str, timeout: float = WAIT_LIMIT) -> T:
        """Poll ``condition`` until it returns something truthy; fail saying ``what`` was awaited."""
        from selenium.common.exceptions import (
            JavascriptException,
            NoSuchElementException,
            StaleElementReferenceException,
            TimeoutException,
        )
        from selenium.webdriver.support.ui import WebDriverWait

        timeout = min(timeout, WAIT_LIMIT)
        waiter = WebDriverWait(self.driver, timeout, poll_frequency=0.1, ignored_exceptions=(
            NoSuchElementException, StaleElementReferenceException, JavascriptException))
        try:
            return waiter.until(lambda _driver: condition())
        except TimeoutException:
            raise AssertionError(
                f"timed out after {timeout:g}s waiting for {what} (page {self.url!r}){self._console_report()}"
            ) from None

    def wait_js(self, script: str, what: str, timeout: float = WAIT_LIMIT) -> Any:
        """Wait until the JavaScript ``script`` (a function body using ``return``) yields a truthy value."""
        return self.wait_for(lambda: self.js(script), what, timeout)

    def console_errors(self) -> list[str]:
        """Severe messages from the page's console since the last call (JS errors, failed loads)."""
        try:
            entries = self.driver.get_log("browser")
        except Exception:  # logging is a diagnostic aid only
            return []
        return [e.get("message", "") for e in entries if e.get("level") == "SEVERE"]

    def _console_report(self) -> str:
        errors = self.console_errors()
        return "; browser console errors: " + " | ".join(errors[-5:]) if errors else ""

    # -- output ------------------------------------------------------------------------------
    def screenshot(self, path: Path) -> Path:
        if not self.driver.save_screenshot(str(path)):
            raise AssertionError(f"Chromium could not write a screenshot to {path}")
        return path

    def close(self) -> None:
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self._profile_dir, ignore_errors=True)


def start_browser() -> Browser:
    """Start Debian's headless Chromium (installing it first if needed) with a fresh profile."""
    ensure_chromium()
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError as exc:
        raise BrowserUnavailable(
            f"the browser tests need Selenium ({exc}); install the test extras: pip install -e '.[test]'"
        ) from exc
    profile = tempfile.mkdtemp(prefix="kg-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # An explicit driver path keeps Selenium Manager (which would try to download drivers) out of it.
    service = Service(executable_path=str(CHROMEDRIVER))
    try:
        driver = webdriver.Chrome(options=options, service=service)
    except Exception as exc:
        shutil.rmtree(profile, ignore_errors=True)
        raise BrowserUnavailable(f"headless Chromium did not start: {exc}") from exc
    # A response Chromium cannot show would otherwise be saved under ~/Downloads.
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "deny"})
    driver.set_page_load_timeout(WAIT_LIMIT)
    driver.set_script_timeout(WAIT_LIMIT)
    return Browser(driver, profile)
