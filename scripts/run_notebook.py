"""Execute a notebook for real and save it with its outputs, as a reader's "Run All" would, minus the cells a machine
cannot or should not run here.

    python scripts/run_notebook.py NB [--out PATH] [--slow | --slow_matching TEXT] [--cuda]

Cells flagged `hub` are always skipped (no internet here), `slow` ones unless `--slow`, `cuda` ones unless `--cuda`;
a skipped cell keeps the outputs it had. `#| eval: false` cells and the export cell are skipped too. Runs in the
notebook's folder, as Jupyter does; needs execnb (the runner nbdev-test uses).
"""
import argparse, os, re, sys, time
from pathlib import Path

def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    p.add_argument('notebook'); p.add_argument('--out', help='where to save the executed notebook (default: in place)')
    p.add_argument('--slow', action='store_true', help='run the cells flagged slow too')
    p.add_argument('--slow_matching', help='run only those slow cells whose code contains this text (the others keep their outputs)')
    p.add_argument('--cuda', action='store_true', help='run the cells flagged cuda too')
    a = p.parse_args(argv)
    from fastcore.nbio import read_nb, write_nb
    from execnb.shell import CaptureShell
    src = Path(a.notebook).resolve(); dest = Path(a.out).resolve() if a.out else src
    def skip(c):
        if c.cell_type != 'code': return True
        head = ' '.join(l for l in c.source.splitlines()[:3] if l.startswith('#|'))
        if re.search(r'#\|\s*hub\b', head) or re.search(r'eval:\s*false', head) or 'nbdev_export()' in c.source: return True
        if re.search(r'#\|\s*slow\b', head): return not (a.slow or (a.slow_matching and a.slow_matching in c.source))
        if re.search(r'#\|\s*cuda\b', head) and not a.cuda: return True
        return False
    def post(c): print(f"{src.name} cell {c.idx_}: {c.metadata.get('execution', {}).get('total', 0):.1f}s", file=sys.stderr, flush=True)
    os.chdir(src.parent)
    nb, sh, t0 = read_nb(src), CaptureShell(mpl_format='png'), time.time()   # figures at 100 dpi, not 2x 'retina'
    sh.run_all(nb, exc_stop=True, preproc=skip, postproc=post)
    write_nb(nb, dest)
    print(f'{src.name}: executed in {time.time()-t0:.0f}s -> {dest}', flush=True)
    return 0

if __name__ == '__main__': sys.exit(main())
