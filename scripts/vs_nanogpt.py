"""`make train` against nanoGPT's CPU config, whole processes on this machine, side by side.

    python scripts/vs_nanogpt.py --nanogpt PATH [--isa native|avx2] [--reps 2] [--candidate NAME=ARGS ...]

PATH is a checkout of https://github.com/karpathy/nanoGPT (`git clone` it anywhere; nothing of it is copied into this
repository). Its `train.py` runs from a temporary directory with the README's CPU command (4 layers, 4 heads, width
128, T=64, B=12, 2000 iterations, float32 eager, `--compile=False`), on Tiny Shakespeare from `$NANOGPT_NB_DATA` (or
the usual download). Every run is a separate process with `OMP_NUM_THREADS=1`; the runs take turns, `--reps` rounds,
and the wall time counts the whole process, from the command to its exit. A candidate is `NAME=ARGS`, the ARGS given
to `python -m nanogpt_nb.train` (default: `make train`'s command, no options).

`--isa avx2` runs every process (nanoGPT's too) with oneDNN, MKL and ATen capped at AVX2, the way a CPU without
native bf16 (no AVX512-BF16, no AMX) runs them: `cpu_has_bf16()` is then False and bf16 matmuls take the slow path.
On a CPU that has no more than AVX2 anyway, both settings are the same.
"""
import argparse, json, os, re, shlex, shutil, subprocess, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from nanogpt_nb.core import data_dir
from nanogpt_nb.speed import AVX2_ENV   # oneDNN, MKL and ATen capped at AVX2, as on a CPU without native bf16
NANOGPT_CPU = ['config/train_shakespeare_char.py', '--device=cpu', '--compile=False', '--eval_iters=20',
               '--log_interval=1', '--block_size=64', '--batch_size=12', '--n_layer=4', '--n_head=4', '--n_embd=128',
               '--max_iters=2000', '--lr_decay_iters=2000', '--dropout=0.0']

def cpu_flags() -> str:
    "The CPU's model name and the flags that decide bf16 speed, as lscpu prints them."
    flags = set(re.search(r'^flags\s*:(.*)$', Path('/proc/cpuinfo').read_text(), re.M).group(1).split())
    name = re.search(r'^model name\s*:\s*(.*)$', Path('/proc/cpuinfo').read_text(), re.M).group(1)
    keep = [f for f in ('avx2', 'avx512f', 'avx512_bf16', 'amx_bf16') if f in flags]
    return f"{name}; {' '.join(keep)}"

def die(msg:str):
    "One `error:` line and exit status 2, as every command of the project."
    print(f"error: {msg}", file=sys.stderr); sys.exit(2)

def timed(cmd:list, cwd:Path, env:dict) -> tuple[float, str]:
    "Wall seconds of the whole process and its output; a failure stops the benchmark."
    t0 = time.time()
    r = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    secs = time.time() - t0
    if r.returncode: die(f"{shlex.join(cmd)} failed with exit status {r.returncode}:\n{r.stderr[-2000:]}")
    return secs, r.stdout

def nanogpt_dir(src:Path, tmp:Path, text:Path|None, env:dict) -> Path:
    "nanoGPT's files in `tmp`, its Shakespeare prepared there (from `text` when given)."
    tmp.mkdir(parents=True)
    for f in ('train.py', 'model.py', 'configurator.py'): shutil.copy(src/f, tmp/f)
    shutil.copytree(src/'config', tmp/'config')
    d = tmp/'data'/'shakespeare_char'; d.mkdir(parents=True)
    shutil.copy(src/'data'/'shakespeare_char'/'prepare.py', d)
    if text and text.exists(): shutil.copy(text, d/'input.txt')
    r = subprocess.run([sys.executable, 'prepare.py'], cwd=d, env=env, capture_output=True, text=True)
    if r.returncode:
        die(f"nanoGPT's prepare.py failed (without {text} it downloads Tiny Shakespeare): {r.stderr[-300:]}")
    return tmp

def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    p.add_argument('--nanogpt', required=True, type=Path, help='a checkout of karpathy/nanoGPT')
    p.add_argument('--isa', choices=('native', 'avx2'), default='native', help='avx2: as a CPU without native bf16')
    p.add_argument('--reps', type=int, default=2, help='rounds; each runs every command once')
    p.add_argument('--candidate', action='append', default=[], help='NAME=ARGS for python -m nanogpt_nb.train')
    p.add_argument('--json', type=Path, help='also write the rows here')
    a = p.parse_args(argv)
    if not (a.nanogpt/'train.py').exists(): die(f"{a.nanogpt} is not a nanoGPT checkout (no train.py)")
    bad = [c for c in a.candidate if '=' not in c]
    if bad: die(f"--candidate {bad[0]!r}: write NAME=ARGS (ARGS may be empty)")
    env = {**os.environ, 'OMP_NUM_THREADS': '1', 'PYTHONUNBUFFERED': '1', **(AVX2_ENV if a.isa == 'avx2' else {})}
    work = Path(tempfile.mkdtemp(prefix='vs_nanogpt_'))
    ng = nanogpt_dir(a.nanogpt, work/'nanogpt', data_dir()/'tinyshakespeare'/'input.txt', env)
    cands = [c.split('=', 1) for c in (a.candidate or ['make train='])]
    # the data is prepared before timing, for nanoGPT above and for every candidate here
    timed([sys.executable, '-m', 'nanogpt_nb.train', '--max_steps', '1', '--out_dir', str(work/'warm'),
           '--sample_tokens', '0'], ROOT, env)
    cpu = cpu_flags() + (' (capped at AVX2)' if a.isa == 'avx2' else '')
    print(f"cpu: {cpu}", flush=True)
    rows = {'nanoGPT (CPU config)': [], **{n: [] for n, _ in cands}}
    for rep in range(a.reps):
        secs, out = timed([sys.executable, 'train.py', *NANOGPT_CPU, f'--out_dir=out{rep}'], ng, env)
        val = float(re.findall(r'step \d+: train loss [\d.]+, val loss ([\d.]+)', out)[-1])
        rows['nanoGPT (CPU config)'].append((secs, val)); print(f"nanoGPT: {secs:.1f} s, val {val:.4f}", flush=True)
        for k, (name, args) in enumerate(cands):
            # a fresh, empty inductor cache per run: a cold start, as a user's first run (no spaces in the path: g++)
            cmd = [sys.executable, '-m', 'nanogpt_nb.train', '--out_dir', str(work/f'run{rep}_{k}'), '--no-resume',
                   *shlex.split(args)]
            secs, out = timed(cmd, ROOT, {**env, 'TORCHINDUCTOR_CACHE_DIR': str(work/f'inductor{rep}_{k}')})
            val = json.loads(next(l for l in out.splitlines() if l.startswith('done: '))[6:])['val_loss']
            rows[name].append((secs, val)); print(f"{name}: {secs:.1f} s, val {val:.4f}", flush=True)
    base = min(s for s, _ in rows['nanoGPT (CPU config)'])
    print(f"\n| run | wall s (each round) | final val loss | best wall / nanoGPT's |\n|---|---|---|---|")
    for name, rs in rows.items():
        walls = ', '.join(f'{s:.1f}' for s, _ in rs); vals = ', '.join(f'{v:.4f}' for _, v in rs)
        print(f"| {name} | {walls} | {vals} | {min(s for s, _ in rs)/base:.2f} |")
    if a.json: a.json.write_text(json.dumps(dict(cpu=cpu, rows=rows), indent=1))
    shutil.rmtree(work, ignore_errors=True)

if __name__ == '__main__': main()
