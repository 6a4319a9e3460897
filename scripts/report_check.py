"""Open a `nanogpt-report` page in headless Chromium as a reader would, and check it: no console errors, no request
that leaves the page (every image and style is inline), every image loaded; save a full-page screenshot.

    python scripts/report_check.py REPORT.html [--screenshot OUT.png]

Exit status 1 with one line per problem. Needs Debian's chromium and chromium-driver, and selenium (dev extra).
"""
import argparse, sys
from pathlib import Path

def check(page:Path, screenshot:Path|None) -> list:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    opts = webdriver.ChromeOptions()
    opts.binary_location = '/usr/bin/chromium'
    for a in ('--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
              '--disable-background-networking', '--disable-component-update', '--disable-sync', '--window-size=1280,900'):
        opts.add_argument(a)
    opts.set_capability('goog:loggingPrefs', {'browser': 'ALL'})
    driver = webdriver.Chrome(service=Service('/usr/bin/chromedriver'), options=opts)
    problems = []
    try:
        driver.get(page.resolve().as_uri())
        driver.execute_async_script("const done = arguments[0]; if (document.readyState === 'complete') done(); "
                                    "else window.addEventListener('load', () => done());")
        problems += [f"console: {e['message'][:200]}" for e in driver.get_log('browser') if e['level'] == 'SEVERE']
        # every resource the page fetched beyond itself (data: URIs are not fetched)
        fetched = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
        problems += [f"request: {u}" for u in fetched]
        broken = driver.execute_script("return [...document.images].filter(i => !(i.complete && i.naturalWidth > 0)).length")
        n_img = driver.execute_script("return document.images.length")
        if broken: problems.append(f"{broken} of {n_img} images did not load")
        if screenshot:
            h = driver.execute_script("return document.documentElement.scrollHeight")
            driver.set_window_size(1280, min(h + 40, 6000))
            driver.save_screenshot(str(screenshot))
        print(f"{page}: {n_img} images, {len(fetched)} requests beyond the page, {len(problems)} problems")
    finally: driver.quit()
    return problems

def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    p.add_argument('page', type=Path, help='the report page (.html)')
    p.add_argument('--screenshot', type=Path, help='save a full-page screenshot here (.png)')
    a = p.parse_args(argv)
    problems = check(a.page, a.screenshot)
    for q in problems: print(f"error: {q}", file=sys.stderr)
    return 1 if problems else 0

if __name__ == '__main__': sys.exit(main())
