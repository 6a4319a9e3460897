"""Every figure in a notebook's prose must be printed by that notebook, or cite where it comes from.

A *figure* is a number in a markdown cell with a unit (70%, 2.3x, 41 s, 4.39M tok/s, 512 MiB, ...) or with three or
more significant digits (1.797, 338,027). It is *printed* when a number of the notebook's outputs (or a value set in
its code) equals it at the prose's precision: 1.797 matches an output of 1.7974, 4.39M matches 4,391,220, 97.9%
matches 0.979. It is *cited* when its paragraph, list item or table holds a link (to a paper, a repository, a run
of another notebook). Numbers inside code spans, names such as GPT-2 (124M), and years are not figures.
Flags that predate this check are listed, one per line, in scripts/prose_figures_known.txt: make test fails on a
flag that is not listed, and on a listed one that is gone (fixed: take it off the list), so the list only shrinks.
Usage: python scripts/prose_figures.py [--list] [--write-known] [nbs/*.ipynb]   (make test runs it)"""
import glob, json, re, sys
from pathlib import Path

UNITS = {'%': 1e-2, 'x': 1, '×': 1, 'k': 1e3, 'K': 1e3, 'M': 1e6, 'B': 1e9, 'G': 1e9, 'T': 1e12,
         's': 1, 'ms': 1e-3, 'µs': 1e-6, 'us': 1e-6, 'ns': 1e-9, 'min': 60, 'h': 3600,
         'KB': 1e3, 'MB': 1e6, 'GB': 1e9, 'TB': 1e12, 'KiB': 2**10, 'MiB': 2**20, 'GiB': 2**30, 'TiB': 2**40,
         'GFLOP/s': 1e9, 'TFLOP/s': 1e12, 'tok/s': 1, 'tokens/s': 1, 'it/s': 1}
# a number, then optionally a unit glued to it or after one space
NUM = re.compile(r'(?<![\w.\-/])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?'
                 r'(?:\s?(GFLOP/s|TFLOP/s|tokens/s|tok/s|it/s|KiB|MiB|GiB|TiB|KB|MB|GB|TB|min|ms|µs|us|ns|[%x×kKMBGTsh]))?'
                 r'(?![\w.]*\d)(?![A-Za-z])')
NAMES = re.compile(r'\b(?:GPT-2|GPT-3|GPT2)\s*\(?(?:124M|350M|355M|774M|1\.5B|1558M|2\.7B|6\.7B|175B)\)?|'
                   r'\b(?:124M|350M|355M|774M|1558M|1\.5B|10B|100B|10BT|100BT)\b')
ANY_NUM = re.compile(r'-?\d[\d,]*\.?\d*(?:e[-+]?\d+)?')

def sig_digits(intpart:str, frac:str) -> int:
    digits = (intpart.replace(',', '') + (frac or '')[1:]).lstrip('0')
    return len(digits) if frac else len(digits.rstrip('0'))

def numbers(text:str) -> list[float]:
    "Every number in `text` (commas dropped), as floats."
    out = []
    for m in ANY_NUM.finditer(text):
        try: out.append(float(m.group().replace(',', '').rstrip('.')))
        except ValueError: pass
    return out

def printed(value:float, decimals:int, scale:float, seen:list[float]) -> bool:
    "Does some printed number equal `value` at the prose's precision, with or without the unit's scale?"
    for y in seen:
        for s in {1.0, scale, 1/scale if scale else 1.0}:
            if round(y/s if s else y, decimals) == value or round(y*s, decimals) == value: return True
    return False

def blocks(md:str) -> list[str]:
    "Paragraphs, list items and tables: the unit a citation covers."
    out, cur = [], []
    for line in md.splitlines():
        if not line.strip() or re.match(r'\s*([-*]|\d+\.)\s', line) and cur and not cur[-1].startswith('|'):
            if cur: out.append('\n'.join(cur))
            cur = [line] if line.strip() else []
        else: cur.append(line)
    if cur: out.append('\n'.join(cur))
    return out

def figures(nb_path:Path) -> tuple[int, list[str]]:
    "(figures found, the ones neither printed nor cited) of one notebook."
    cells = json.loads(nb_path.read_text())['cells']
    shown = []
    for c in cells:
        if c['cell_type'] != 'code': continue
        shown.append(''.join(c['source']))
        for o in c.get('outputs', []):
            shown.append(''.join(o.get('text', '')))
            for k in ('text/plain', 'text/markdown', 'text/html'): shown.append(''.join(o.get('data', {}).get(k, '')))
    seen = numbers('\n'.join(shown))
    total, flags = 0, []
    for i, c in enumerate(cells):
        if c['cell_type'] != 'markdown': continue
        prev = ''
        for block in blocks(''.join(c['source'])):
            link = lambda b: re.search(r'\]\((?:https?://|[^)]*\.ipynb|[^)]*\.html)', b)
            # a table is also cited by the sentence that introduces it
            cited = link(block) or (block.lstrip().startswith('|') and link(prev))
            prev = block
            text = re.sub(r'`[^`]*`', ' ', block)                      # code spans
            text = re.sub(r'\]\([^)]*\)', ']', text)                    # link targets
            text = NAMES.sub(' ', text)
            for m in NUM.finditer(text):
                intpart, frac, unit = m.groups()
                n = sig_digits(intpart, frac)
                if not unit and (n < 3 or re.fullmatch(r'(19|20)\d\d', intpart)): continue
                v = int(intpart.replace(',', ''))
                # powers of two (sizes, batches) and GPT-2's vocabulary are definitions, not measurements
                if not unit and not frac and (v & (v - 1) == 0 or v in (50257, 50304)): continue
                before, after = text[max(0, m.start()-3):m.start()], text[m.end():m.end()+3]
                if re.search(r'(exit|status|code|step|steps|layer|PyTorch|Python|version|build)\s*\(?$',
                             text[:m.start()]): continue
                if re.search(r'[×=·*/^]', before + after): continue   # arithmetic, not a measurement
                total += 1
                value = float(intpart.replace(',', '') + (frac or ''))
                decimals = len(frac) - 1 if frac else 0
                if cited or printed(value, decimals, UNITS.get(unit, 1), seen): continue
                start = max(0, m.start() - 40)
                flags.append(f"{nb_path.name} cell {i}: {m.group().strip()!r} in '...{text[start:m.end()+20].strip()}...'".replace('\n', ' '))
    return total, flags

KNOWN = Path(__file__).with_name('prose_figures_known.txt')

def key(flag:str) -> str:
    "A flag without its cell number, so that inserting a cell does not change it."
    return re.sub(r' cell \d+:', ':', flag)

def self_test():
    "The check can fail: a figure that no output prints is flagged; printed or cited, it is not."
    import tempfile
    def nb(md, out):
        cells = [dict(cell_type='markdown', source=[md]),
                 dict(cell_type='code', source=['x'], outputs=[dict(output_type='stream', text=[out])])]
        f = Path(tempfile.mkdtemp())/'t.ipynb'; f.write_text(json.dumps(dict(cells=cells))); return f
    assert len(figures(nb('The loss reached 1.797 in 41 s.', 'val 1.7974 after 40.6 s'))[1]) == 0
    assert len(figures(nb('The loss reached 1.80 at 3.4M tokens/s.', 'val 1.7974, 4,391,220 tok/s'))[1]) == 1
    assert len(figures(nb('It reaches 97.9% ([source](https://example.org)).', ''))[1]) == 0
    assert len(figures(nb('It reaches 97.9% of the model.', 'share 0.979'))[1]) == 0

def main(argv) -> int:
    self_test()
    opts = [a for a in argv if a.startswith('--')]
    paths = [Path(p) for p in ([a for a in argv if not a.startswith('--')]
                               or sorted(glob.glob('nbs/[0-9A]*.ipynb')))]
    all_flags, total = [], 0
    for p in paths:
        n, flags = figures(p); total += n; all_flags += flags
        print(f"{p.name:<24} {n:>4} figures, {len(flags):>3} neither printed nor cited")
    if '--list' in opts:
        for f in all_flags: print(f"  {f}")
    if '--write-known' in opts:
        KNOWN.write_text(''.join(key(f) + '\n' for f in all_flags))
    known = set(KNOWN.read_text().splitlines()) if KNOWN.exists() else set()
    new = [f for f in all_flags if key(f) not in known]
    gone = sorted(known - {key(f) for f in all_flags}) if len(paths) > 1 else []
    print(f"{total} figures in the prose, {len(all_flags)} neither printed by their notebook nor cited "
          f"({len(all_flags) - len(new)} of them listed as known in {KNOWN.name})")
    for f in new: print(f"error: a figure its notebook does not print and does not cite: {f}")
    for f in gone: print(f"error: fixed, take it off {KNOWN.name}: {f}")
    return 1 if new or gone else 0

if __name__ == '__main__': sys.exit(main(sys.argv[1:]))
