"""Estimated reading time of each lesson, for the guide's table (nbs/index.ipynb).

A learner reads the prose and reads (and runs) the code on the learning path: prose at
200 words a minute, code at 10 lines a minute (a line of code carries more than a line of
prose, and its output is read too). Hidden cells (solutions, batteries) and exported
`__main__` guards are not on the path. The figure is rounded to 5 minutes. An estimate,
not a measurement: it says which lessons are long, not how fast anyone reads.

Usage: python scripts/reading_time.py
"""
import json, re, sys
from pathlib import Path

WORDS_PER_MIN, LINES_PER_MIN = 200, 10

def reading(path: Path) -> tuple[int, int, int]:
    "(prose words, code lines on the path, minutes rounded to 5) of one notebook."
    words = lines = 0
    for c in json.loads(path.read_text())['cells']:
        s = ''.join(c['source'])
        if c['cell_type'] == 'markdown':
            words += len(re.findall(r'\w+', re.sub(r'\]\([^)]*\)', ']', s)))
        elif c['cell_type'] == 'code' and not re.search(r'^#\|\s*hide\b', s, re.M):
            lines += sum(1 for l in s.splitlines() if l.strip() and not l.startswith('#|'))
    minutes = words/WORDS_PER_MIN + lines/LINES_PER_MIN
    return words, lines, max(5, 5*round(minutes/5))

if __name__ == '__main__':
    nbs = sorted(p for p in Path('nbs').glob('[0-9][0-9]_*.ipynb'))
    rows = [(p.stem, *reading(p)) for p in nbs]
    for name, w, l, m in rows:
        print(f'{name:20s} {w:6d} words {l:5d} code lines  ~{m} min')
    print(f'{"all lessons":20s} {sum(r[1] for r in rows):6d} words '
          f'{sum(r[2] for r in rows):5d} code lines  ~{sum(r[3] for r in rows)/60:.0f} h')
