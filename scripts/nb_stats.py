"""Per notebook: file size, its largest output, and its longest exported cell; fails when a notebook is over 250 KB.
Usage: python scripts/nb_stats.py [nbs/*.ipynb]   (make nb-stats)"""
import glob, json, sys
from pathlib import Path

LIMIT_KB = 250
def stats(path:Path) -> dict:
    cells = json.loads(path.read_text())['cells']
    out = max(((len(json.dumps(o)), i) for i, c in enumerate(cells) for o in c.get('outputs', [])), default=(0, None))
    exp = max(((len(c['source']) if isinstance(c['source'], list) else c['source'].count('\n') + 1, i) for i, c in enumerate(cells)
               if c['cell_type'] == 'code' and ''.join(c['source']).lstrip().startswith('#| export')), default=(0, None))
    return dict(kb=path.stat().st_size/1024, out_kb=out[0]/1024, out_cell=out[1], exp_lines=exp[0], exp_cell=exp[1])

def main(argv=None) -> int:
    paths = [Path(p) for p in (argv or sorted(glob.glob('nbs/[0-9]*.ipynb')))]
    print(f"{'notebook':<24} {'size KB':>8} {'largest output KB (cell)':>25} {'longest exported cell (lines, cell)':>36}")
    over = []
    for p in paths:
        s = stats(p)
        print(f"{p.name:<24} {s['kb']:>8.0f} {s['out_kb']:>18.0f} ({s['out_cell']})   {s['exp_lines']:>27} ({s['exp_cell']})")
        if s['kb'] > LIMIT_KB: over.append(p.name)
    if over: print(f"over {LIMIT_KB} KB: {', '.join(over)}"); return 1
    return 0

if __name__ == '__main__': sys.exit(main(sys.argv[1:]))
