"""Per notebook: file size, its largest output, its longest exported cell, and how many lines of its shown code
cells are longer than 88 characters. Fails when a notebook is over 250 KB, shows a code line over 88 characters
or has a code cell of more than 40 lines
(the docs site fits 88 characters of code in its column from a 1280 px window up; see nbs/_quarto.yml).
Usage: python scripts/nb_stats.py [nbs/*.ipynb]   (make nb-stats)"""
import glob, json, re, sys
from pathlib import Path

LIMIT_KB, MAX_LINE, MAX_CELL = 250, 88, 40

def shown(src:str) -> bool:
    "A code cell the docs site shows: not `#| hide` (nbdev drops those from the page)."
    return not re.search(r'^#\|\s*hide\b', src, re.M)

def stats(path:Path) -> dict:
    cells = json.loads(path.read_text())['cells']
    srcs = [''.join(c['source']) for c in cells]
    out = max(((len(json.dumps(o)), i) for i, c in enumerate(cells) for o in c.get('outputs', [])), default=(0, None))
    exp = max(((s.count('\n') + 1, i) for i, (c, s) in enumerate(zip(cells, srcs))
               if c['cell_type'] == 'code' and s.lstrip().startswith('#| export')), default=(0, None))
    long = [(i, l) for i, (c, s) in enumerate(zip(cells, srcs)) if c['cell_type'] == 'code' and shown(s)
            for l in s.splitlines() if len(l) > MAX_LINE]
    # every line that is not blank, `#|` directives included
    size = lambda s: sum(1 for l in s.splitlines() if l.strip())
    cells_long = [(i, size(s)) for i, (c, s) in enumerate(zip(cells, srcs))
                  if c['cell_type'] == 'code' and size(s) > MAX_CELL]
    return dict(kb=path.stat().st_size/1024, out_kb=out[0]/1024, out_cell=out[1], exp_lines=exp[0], exp_cell=exp[1],
                long=long, cells_long=cells_long)

def main(argv=None) -> int:
    paths = [Path(p) for p in (argv or sorted(glob.glob('nbs/[0-9]*.ipynb') + glob.glob('nbs/A[0-9]*.ipynb')))]
    print(f"{'notebook':<24} {'size KB':>8} {'largest output KB (cell)':>25} "
          f"{'longest exported cell (lines, cell)':>36} {f'code lines > {MAX_LINE}':>18}")
    problems = []
    for p in paths:
        s = stats(p)
        print(f"{p.name:<24} {s['kb']:>8.0f} {s['out_kb']:>18.0f} ({s['out_cell']})   {s['exp_lines']:>27} ({s['exp_cell']})"
              f" {len(s['long']):>18}")
        if s['kb'] > LIMIT_KB: problems.append(f"{p.name}: {s['kb']:.0f} KB, over {LIMIT_KB} KB: shrink its figures "
                                               "(scripts/shrink_figures.py)")
        problems += [f"{p.name} cell {i}: {n} lines of code (at most {MAX_CELL}): split it where its subject "
                     "changes, or grow the class with @patch" for i, n in s['cells_long']]
        problems += [f"{p.name} cell {i}: a code line of {len(l)} characters (at most {MAX_LINE}): {l.strip()[:50]}..."
                     for i, l in s['long']]
    for m in problems: print(f"error: {m}")
    return 1 if problems else 0

if __name__ == '__main__': sys.exit(main(sys.argv[1:]))
