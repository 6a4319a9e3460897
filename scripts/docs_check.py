"""Check the docs site that `make docs` rendered into _docs/, as a reader would meet it.

Static checks (always): every numbered notebook and the index have a page; the sidebar lists the notebooks in series
order; no broken internal link or anchor, no missing image, no cell error or traceback in any page; no backticked name
in the prose that nbdev could link to two different symbols; `nbdev-docs` printed no warnings; each page with its
images under 1 MB.

Browser checks (`--browser`): headless Chromium loads the index and every lesson page from a local HTTP server and
fails on a JavaScript console error, an image that did not load, a main column that scrolls sideways, or a code line
that scrolls or wraps in a 1280 px window; the site's search index finds a lesson by a word in its text; screenshots
of the index and one lesson go to _docs_check/.

Exit status 0 when everything holds, 1 with one line per problem otherwise.
"""
import argparse, ast, functools, http.server, json, re, sys, threading
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

ROOT = Path(__file__).resolve().parents[1]
NBS, DOCS, OUT = ROOT/'nbs', ROOT/'_docs', ROOT/'_docs_check'
MAX_PAGE_BYTES = 1_000_000
WINDOW = (1280, 900)   # a laptop's browser window: 88-character code lines must fit it

def numbered() -> list[Path]:
    "The lesson notebooks, then the appendices (`A1_core`), in series order."
    return sorted(NBS.glob('[0-9][0-9]_*.ipynb')) + sorted(NBS.glob('A[0-9]_*.ipynb'))

def page_name(nb:Path) -> str:
    "The page nbdev renders a notebook to: the number prefix is dropped (`00_bigram.ipynb` -> `bigram.html`)."
    return re.sub(r'^\d+[a-zA-Z0-9]*_', '', nb.stem.lower()) + '.html'

class Page(HTMLParser):
    "The ids, links, images and error markers of one HTML page."
    def __init__(self, text):
        super().__init__(); self.ids, self.links, self.images, self.errors = set(), [], [], 0
        self.feed(text)
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if 'id' in a: self.ids.add(a['id'])
        if tag == 'a' and a.get('href'): self.links.append(a['href'])
        if tag == 'img' and a.get('src'): self.images.append(a['src'])
        if 'cell-output-error' in (a.get('class') or ''): self.errors += 1

def local(url:str) -> bool: return not urlparse(url).scheme and not url.startswith(('//', 'mailto:', 'javascript:'))

def check_pages(problems:list):
    pages = {p.relative_to(DOCS).as_posix(): p for p in DOCS.rglob('*.html')}
    parsed = {}
    for name in ['index.html'] + [page_name(nb) for nb in numbered()]:
        if name not in pages: problems.append(f"{name}: no page rendered for its notebook")
    for name, path in pages.items():
        text = path.read_text(encoding='utf-8', errors='replace')
        parsed[name] = pg = Page(text)
        if pg.errors or 'Traceback (most recent call last)' in text: problems.append(f"{name}: a cell error or traceback is shown")
        weight = path.stat().st_size
        for src in pg.images:
            if not local(src) or src.startswith('data:'): continue
            img = (path.parent/unquote(urlparse(src).path)).resolve()
            if not img.is_file(): problems.append(f"{name}: image {src} is missing")
            else: weight += img.stat().st_size
        if weight > MAX_PAGE_BYTES: problems.append(f"{name}: {weight/1e6:.2f} MB with its images (limit {MAX_PAGE_BYTES/1e6:.0f} MB)")
    for name, pg in parsed.items():
        for href in pg.links:
            if not local(href): continue
            u = urlparse(href)
            target = (pages[name].parent/unquote(u.path)).resolve() if u.path else pages[name]
            if target.is_dir(): target = target/'index.html'
            if not target.exists():
                problems.append(f"{name}: broken link {href}"); continue
            rel = target.relative_to(DOCS.resolve()).as_posix() if target.is_relative_to(DOCS.resolve()) else None
            if u.fragment and rel in parsed and unquote(u.fragment) not in parsed[rel].ids:
                problems.append(f"{name}: link {href} points to a missing anchor")

def check_sidebar(problems:list):
    import yaml
    def files(node):
        if isinstance(node, str): return [node]
        if isinstance(node, dict): return files(node.get('contents', []))
        return [f for n in node for f in files(n)]
    listed = files(yaml.safe_load((NBS/'sidebar.yml').read_text())['website']['sidebar']['contents'])
    want = ['index.ipynb'] + [nb.name for nb in numbered()]
    if listed != want: problems.append(f"sidebar.yml lists {listed}, expected the series order {want}")

def check_symbol_links(problems:list):
    "A backticked name in the prose must not be a name nbdev knows in two places."
    # nbdev links a backticked name to the symbol its index lists under that name, e.g. `GPT` or `GPT.generate`:
    # a name that two modules define (or patch) is a link to one of them, maybe the wrong one
    syms = ast.literal_eval((ROOT/'nanogpt_nb/_modidx.py').read_text().split('d = ', 1)[1])['syms']
    where = {}
    for mod, names in syms.items():
        for full in names: where.setdefault(full[len(mod)+1:], set()).add(full)
    ambiguous = {k for k, v in where.items() if len(v) > 1}
    for nb in [NBS/'index.ipynb', *numbered()]:
        for cell in json.loads(nb.read_text())['cells']:
            if cell['cell_type'] != 'markdown': continue
            for name in set(re.findall(r'`([A-Za-z_][A-Za-z0-9_.]*)`', ''.join(cell['source']))) & ambiguous:
                problems.append(f"{nb.name}: `{name}` could link to {', '.join(sorted(where[name]))}: qualify or rename it")

def check_nbdev_log(problems:list):
    log = OUT/'nbdev-docs.log'
    if not log.exists(): problems.append(f"{log.relative_to(ROOT)} is missing: run `make docs` first"); return
    for line in log.read_text().splitlines():
        if re.search(r'warn', line, re.I): problems.append(f"nbdev-docs: {line.strip()[:200]}")

def serve(directory:Path):
    "An HTTP server for `directory` on a free local port, in a daemon thread; returns its base URL."
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args): pass
    srv = http.server.ThreadingHTTPServer(('127.0.0.1', 0), functools.partial(Quiet, directory=str(directory)))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return f'http://127.0.0.1:{srv.server_address[1]}'

def check_browser(problems:list, screenshot_lesson:str='attention.html'):
    for exe in ('/usr/bin/chromium', '/usr/bin/chromedriver'):
        if not Path(exe).exists(): problems.append(f"{exe} not found: install Debian's chromium and chromium-driver"); return
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    opts = webdriver.ChromeOptions()
    opts.binary_location = '/usr/bin/chromium'
    for a in ('--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
              '--disable-background-networking', '--disable-component-update', '--disable-sync', '--window-size={},{}'.format(*WINDOW)):
        opts.add_argument(a)
    opts.set_capability('goog:loggingPrefs', {'browser': 'ALL'})
    base = serve(DOCS)
    driver = webdriver.Chrome(service=Service('/usr/bin/chromedriver'), options=opts)
    try:
        for name in ['index.html'] + [page_name(nb) for nb in numbered()]:
            driver.get(f'{base}/{name}')
            driver.execute_async_script("const done = arguments[0]; if (document.readyState === 'complete') done(); "
                                        "else window.addEventListener('load', () => done());")
            for entry in driver.get_log('browser'):   # the browser's own favicon request is not the page's doing
                if entry['level'] == 'SEVERE' and '/favicon.ico ' not in entry['message']:
                    problems.append(f"{name}: browser console: {entry['message'][:200]}")
            broken = driver.execute_script("return [...document.images].filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)")
            for src in broken: problems.append(f"{name}: image did not load in the browser: {src}")
            overflow = driver.execute_script("const m = document.querySelector('main') || document.body; return m.scrollWidth - m.clientWidth")
            if overflow > 1: problems.append(f"{name}: the main column scrolls sideways by {overflow}px")
            # the notebooks' code lines (at most 88 characters, nb_stats.py) fit the code column at this width:
            # none scrolls sideways, none wraps
            wide = driver.execute_script("""const pres = [...document.querySelectorAll('div.cell > div.sourceCode pre')];
                const lines = pres.flatMap(p => [...p.querySelectorAll('code > span[id]')]);
                // Quarto's line spans are inline blocks: a wrapped line is a taller box
                const hs = lines.map(l => l.getBoundingClientRect().height), one = Math.min(...hs.filter(h => h > 0));
                return [pres.filter(p => p.scrollWidth > p.clientWidth + 1).length,
                        lines.filter((l, i) => hs[i] > 1.5 * one).map(l => l.textContent.slice(0, 60))];""")
            if wide[0]: problems.append(f"{name}: {wide[0]} code block(s) scroll sideways")
            for text in wide[1][:3]: problems.append(f"{name}: a code line wraps at {WINDOW[0]} px: {text}...")
            if name in ('index.html', screenshot_lesson): driver.save_screenshot(str(OUT/name.replace('.html', '.png')))
        hits = driver.execute_async_script("""const done = arguments[0];
            fetch('search.json').then(r => r.json()).then(items => done(items.filter(
              i => /attention/i.test(i.text || '') || /attention/i.test(i.title || '')).map(i => i.href))).catch(e => done(['ERROR ' + e]));""")
        if not any(h.split('#')[0].endswith(screenshot_lesson) for h in hits):
            problems.append(f"search: 'attention' does not find {screenshot_lesson} (found {hits[:5]})")
    finally: driver.quit()

def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    p.add_argument('--browser', action='store_true', help='also load every page in headless Chromium (needs chromium, chromium-driver, selenium)')
    a = p.parse_args(argv)
    if not (DOCS/'index.html').exists(): print("error: _docs/index.html not found: run `make docs` first", file=sys.stderr); return 2
    OUT.mkdir(exist_ok=True)
    problems = []
    for check in (check_pages, check_sidebar, check_symbol_links, check_nbdev_log): check(problems)
    if a.browser: check_browser(problems)
    for line in problems: print(f"docs-check: {line}")
    n = len(list(DOCS.glob('*.html')))
    print(f"docs-check: {n} pages, {'browser and ' if a.browser else ''}static checks: "
          f"{'ok' if not problems else f'{len(problems)} problem(s)'}")
    return 1 if problems else 0

if __name__ == '__main__': sys.exit(main())
