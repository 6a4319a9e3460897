""""Run All" on every notebook, in a real Jupyter kernel (nbclient + ipykernel), as a learner on a laptop would, and
report how long each took.

    python scripts/run_all.py [NB ...] [--slow] [--out DIR]

Every cell runs, top to bottom, in the notebook's folder, including the `cuda` cells (without a GPU each prints one
line and does nothing). `slow` cells run only with `--slow` (minutes of CPU each). `hub` cells need the internet: with
HF_HUB_OFFLINE=1 set (no network, as on CI) they are replaced by a line saying so. The executed copies go to DIR
(default `_run_all/`), never over the notebooks. Exit status 1 if any notebook stopped with an error.
"""
import argparse, os, re, sys, time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

def flags(cell) -> set:
    "The nbdev test flags (`#| slow`, `#| hub`, `#| cuda`) at the top of a code cell."
    head = [l for l in cell.source.splitlines()[:3] if l.startswith('#|')]
    return {f for f in ('slow', 'hub', 'cuda') if any(re.match(rf'#\|\s*{f}\b', l) for l in head)}

def prepare(nb, slow:bool, offline:bool) -> int:
    "Replace the cells this run must not execute by one printed line; returns how many were replaced."
    n = 0
    for c in nb.cells:
        if c.cell_type != 'code': continue
        f = flags(c)
        why = ('slow (run with --slow)' if 'slow' in f and not slow else
               'needs the internet (hub) and HF_HUB_OFFLINE is set' if 'hub' in f and offline else None)
        if 'nbdev_export()' in c.source: why = 'the export cell'
        if why: c.source, n = f'print("skipped: {why}")', n + 1
    return n

def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    p.add_argument('notebooks', nargs='*', help='notebooks to run (default: every numbered notebook in nbs/)')
    p.add_argument('--slow', action='store_true', help='run the cells flagged slow too')
    p.add_argument('--out', default=str(REPO/'_run_all'), help='folder for the executed copies')
    p.add_argument('--timeout', type=int, default=3600, help='seconds a single cell may run')
    a = p.parse_args(argv)
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError
    nbs = [Path(n) for n in a.notebooks] or sorted(p for p in (REPO/'nbs').glob('*.ipynb') if p.name[0] != '_' and p.name != 'index.ipynb')
    out, offline = Path(a.out), os.environ.get('HF_HUB_OFFLINE') == '1'
    out.mkdir(parents=True, exist_ok=True)
    rows, failed = [], 0
    for path in nbs:
        nb = nbformat.read(path, as_version=4)
        skipped = prepare(nb, a.slow, offline)
        client = NotebookClient(nb, timeout=a.timeout, kernel_name='python3', resources={'metadata': {'path': str(path.parent)}})
        t0, status = time.time(), 'ok'
        try: client.execute()
        except CellExecutionError as e:
            status, failed = f"error: {str(e).strip().splitlines()[-1][:100]}", failed + 1
        secs = time.time() - t0
        nbformat.write(nb, out/path.name)
        rows.append((path.name, secs, skipped, status))
        print(f"{path.name:24s} {secs:7.1f} s  {skipped:2d} cells skipped  {status}", flush=True)
    total = sum(r[1] for r in rows)
    print(f"{len(rows)} notebooks, {total/60:.1f} min in all{'' if a.slow else ' (slow cells skipped)'}; {failed} failed")
    return 1 if failed else 0

if __name__ == '__main__':
    sys.exit(main())
