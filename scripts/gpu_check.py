"""The GPU path in one prepared run: the notebooks' `cuda` cells executed for real, GPT-2 124M trained for a few hundred
steps with a crash and a resume, HellaSwag and KV-cache generation timed; one JSON report and the figures.

    python scripts/gpu_check.py --out DIR              # on a machine with a CUDA GPU (about 8 minutes on an H100/H200)
    python scripts/gpu_check.py --out DIR --dry-run    # anywhere: the same steps on the CPU, tiny shapes (CI runs it)

What it does, in order (each part timed in DIR/report.json):
1. executes 08_speed, 09_bench and 14_train_gpt2 with their `cuda` cells (not the `slow` or `hub` ones) into
   DIR/notebooks/: the TF32 check, the GPT-2 124M speed ladder with MFU (its printed table and chart are copied from
   the executed notebook into report.json and DIR/ladder.png), and the bounded 124M run of 14. Without a GPU those cells print one line and do nothing else;
2. `--preset gpt2_124m` on GPT-2-tokenized Tiny Shakespeare (FineWeb-edu cannot be downloaded there) under torchrun,
   val loss and HellaSwag at each evaluation point, a checkpoint half way; the first launch crashes itself after the
   checkpoint (scripts/crash_at_step.py) and the second resumes it;
3. a sample from the trained model compiled with torch.compile;
4. HellaSwag on the whole validation split (10,042 examples; 16 in a dry run), examples per second;
5. `nanogpt-sample --max_new_tokens 500` with and without the KV cache: tokens per second, same text.

On a machine without network (the lent GPU) the packages it needs that the machine lacks travel as wheels and the data
as files: `make gpu-stage` puts both under .gpu_stage/ (git-ignored), and the command there is
    python3 -m pip install -q --no-index --no-deps --target /tmp/site .gpu_stage/wheels/*.whl && \\
      PYTHONPATH=$PWD:/tmp/site python3 scripts/gpu_check.py --out $OUT --stage .gpu_stage
"""
import argparse, json, os, re, subprocess, sys, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ('08_speed', '09_bench', '14_train_gpt2')
PARTS = ('notebooks', 'train', 'sample', 'hellaswag', 'generation')
# GPT-2 124M on 0.3M tokens of Shakespeare: 16 x 1024 tokens per step keeps a few hundred steps to a few epochs
GPU_TRAIN = ['--batch_size', '16', '--total_batch_size', '16384', '--max_steps', '160', '--warmup_steps', '16',
             '--eval_interval', '80', '--eval_tokens', '65536', '--hellaswag_interval', '80', '--hellaswag_examples', '1000',
             '--ckpt_interval', '80', '--sample_tokens', '64']
DRY_TRAIN = ['--n_layer', '2', '--n_head', '2', '--n_embd', '64', '--block_size', '192', '--batch_size', '2',
             '--total_batch_size', '384', '--max_steps', '8', '--warmup_steps', '2', '--eval_interval', '4', '--eval_tokens', '768',
             '--hellaswag_interval', '4', '--hellaswag_examples', '8', '--ckpt_interval', '4', '--sample_tokens', '16', '--device', 'cpu']

def ladder_of(nb_path:Path, out:Path) -> dict|None:
    "The 124M ladder as 09's cuda cell printed it (text) and drew it (DIR/ladder.png), from the executed notebook."
    import base64
    if not nb_path.exists(): return None
    for c in json.loads(nb_path.read_text())['cells']:
        if not c.get('source') or 'bench_speeds(' not in ''.join(c['source']) or '#| cuda' not in ''.join(c['source']): continue
        text = ''.join(''.join(o.get('text', '')) for o in c.get('outputs', []) if o.get('output_type') == 'stream')
        pngs = [o['data']['image/png'] for o in c.get('outputs', []) if 'image/png' in o.get('data', {})]
        if pngs: (out/'ladder.png').write_bytes(base64.b64decode(pngs[0]))
        return dict(printed=text, chart='ladder.png' if pngs else None) if 'rung ' in text else None
    return None

def run(cmd:list, env:dict, timeout:int=900) -> dict:
    "Run a command from the repo root; its exit status, output and wall time."
    t0 = time.time()
    r = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, env=env, cwd=ROOT, timeout=timeout)
    return dict(rc=r.returncode, stdout=r.stdout, stderr=r.stderr, seconds=round(time.time() - t0, 1))

class Report:
    "Parts of the check, each timed; written to report.json after every part, so a cut-short run keeps what it did."
    def __init__(self, out:Path, **facts):
        old = json.loads((out/'report.json').read_text()) if (out/'report.json').exists() else {}
        self.out, self.data = out, dict(**facts, parts=old.get('parts', []))   # a second call with other --parts adds to it
    def part(self, name:str, r:dict|None=None, **details):
        row = dict(name=name, ok=r is None or r['rc'] == 0, seconds=(r or {}).get('seconds'), **details)
        if r is not None and r['rc']: row['error'] = (r['stderr'] or r['stdout'])[-1500:]
        self.data['parts'].append(row); self.save()
        print(f"[gpu-check] {name}: {'ok' if row['ok'] else 'FAILED'} ({row['seconds']} s) {json.dumps(details)[:300]}", flush=True)
        return row['ok']
    def save(self): (self.out/'report.json').write_text(json.dumps(self.data, indent=1))

def plot_training(log:Path, png:Path, title:str):
    "Train and val loss, and HellaSwag, of a run's log."
    import matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot as plt
    rows = [json.loads(l) for l in log.read_text().splitlines() if l.strip()]
    fig, ax = plt.subplots(figsize=(6.5, 3.2))
    ax.plot([r['step'] for r in rows if 'loss' in r], [r['loss'] for r in rows if 'loss' in r], lw=0.8, label='train loss')
    va = [(r['step'], r['val_loss']) for r in rows if 'val_loss' in r]
    ax.plot(*zip(*va), 'o-', label='val loss'); ax.set_xlabel('step'); ax.set_ylabel('loss'); ax.set_title(title); ax.legend()
    fig.savefig(png, dpi=100, bbox_inches='tight'); plt.close(fig)

def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    p.add_argument('--out', required=True, help='directory for report.json, the figures and the executed notebooks')
    p.add_argument('--dry-run', action='store_true', help='CPU, tiny shapes, few steps: checks the script itself')
    p.add_argument('--stage', help='a directory made by `make gpu-stage`: data/ and tiktoken/ for a machine without network')
    p.add_argument('--parts', default=','.join(PARTS), help=f"comma-separated parts to run, in order: {','.join(PARTS)} "
                   "(split a GPU session's work over two calls; sample, hellaswag and generation need train's run)")
    a = p.parse_args(argv)
    parts = a.parts.split(',')
    if set(parts) - set(PARTS): print(f"error: --parts: unknown part(s) {sorted(set(parts) - set(PARTS))}", file=sys.stderr); return 2
    import torch
    if not a.dry_run and not torch.cuda.is_available(): print('error: no CUDA GPU here: use --dry-run', file=sys.stderr); return 2
    out = Path(a.out).resolve(); (out/'notebooks').mkdir(parents=True, exist_ok=True)
    env = {**os.environ, 'PYTHONUNBUFFERED': '1'}
    env['PYTHONPATH'] = os.pathsep.join(x for x in (str(ROOT), env.get('PYTHONPATH')) if x)
    if a.stage:
        stage = Path(a.stage).resolve()
        env.update(NANOGPT_NB_DATA=str(stage/'data'), TIKTOKEN_CACHE_DIR=str(stage/'tiktoken'), HF_HUB_OFFLINE='1')
    if a.dry_run: env.setdefault('OMP_NUM_THREADS', '1')
    dev = 'cpu' if a.dry_run else 'cuda'
    rep = Report(out, device=torch.cuda.get_device_name() if dev == 'cuda' else 'cpu (dry run)', torch=torch.__version__,
                 dry_run=a.dry_run, started=time.strftime('%Y-%m-%d %H:%M:%S'))
    t_all = time.time()

    # 1. the notebooks' cuda cells, for real
    for name in (NOTEBOOKS if 'notebooks' in parts else ()):
        r = run([sys.executable, ROOT/'scripts/run_notebook.py', ROOT/f'nbs/{name}.ipynb', '--out', out/f'notebooks/{name}.ipynb', '--cuda'], env)
        rep.part(f'notebook {name}', r)
    ladder = ladder_of(out/'notebooks/09_bench.ipynb', out)
    if ladder: rep.data['ladder'] = ladder

    # 2. GPT-2 124M on Shakespeare: crash after the first checkpoint, then resume
    run_dir = out/'run'
    if 'train' in parts: train_part(rep, run_dir, env, a.dry_run, out)
    if 'sample' in parts: sample_part(rep, run_dir, env, dev)
    if 'hellaswag' in parts: hellaswag_part(rep, run_dir, env, dev, a.dry_run)
    if 'generation' in parts: generation_part(rep, run_dir, env, dev, a.dry_run)

    rep.data['seconds'] = round(time.time() - t_all, 1); rep.save()
    bad = [x['name'] for x in rep.data['parts'] if not x['ok']]
    print(f"[gpu-check] {len(rep.data['parts'])} parts in {rep.data['seconds']} s, {len(bad)} failed{': ' + ', '.join(bad) if bad else ''}; report: {out/'report.json'}")
    return 1 if bad else 0

def train_part(rep, run_dir, env, dry, out):
    "GPT-2 124M on GPT-2-tokenized Tiny Shakespeare: the first launch crashes after the first checkpoint, the second resumes."
    train = ['--preset', 'gpt2_124m', '--data', 'shakespeare_gpt2', '--out_dir', run_dir, '--no-resume', *(DRY_TRAIN if dry else GPU_TRAIN)]
    at = 6 if dry else 90                                          # a step after the first checkpoint
    torchrun = [sys.executable, '-m', 'torch.distributed.run', '--standalone', '--nproc_per_node=1']
    r1 = run([*torchrun, ROOT/'scripts/crash_at_step.py', *train], {**env, 'CRASH_AT_STEP': str(at), 'CRASH_RANK': '0'})
    crashed = r1['rc'] != 0 and f'kills itself at step {at}' in r1['stderr']
    rep.part('train: first launch, crashes itself', dict(r1, rc=0 if crashed else 1), crashed_at_step=at)
    resume = [a for a in train if a != '--no-resume']
    r2 = run([*torchrun, '-m', 'nanogpt_nb.train', *resume], env)
    m = re.search(r'resuming at step (\d+)', r2['stdout'])
    rows = [json.loads(l) for l in (run_dir/'log.jsonl').read_text().splitlines()] if (run_dir/'log.jsonl').exists() else []
    dts = sorted(x['dt'] for x in rows if 'dt' in x)[len(rows)//10:] or [0]
    tok = [x['tok_per_s'] for x in rows if 'tok_per_s' in x]
    evals = [{k: round(v, 4) if isinstance(v, float) else v for k, v in x.items()} for x in rows if 'val_loss' in x]
    rep.part('train: second launch, resumes', r2 if m else dict(r2, rc=r2['rc'] or 1), resumed_at_step=int(m[1]) if m else None,
             evaluations=evals, median_step_ms=round(1e3*dts[len(dts)//2], 1), median_tok_per_s=round(sorted(tok)[len(tok)//2]) if tok else None,
             runtime=next((json.loads(l[9:]) for l in r2['stdout'].splitlines() if l.startswith('runtime: ')), None))
    if rows: plot_training(run_dir/'log.jsonl', out/'training.png', f"gpt2_124m on Shakespeare BPE, {rep.data['device']}")


def sample_part(rep, run_dir, env, dev):
    "A sample from the trained model compiled with torch.compile."
    code = ("import torch; from nanogpt_nb.checkpoint import load_model; from nanogpt_nb.inference import sample_text\n"
            f"m, tok, _ = load_model({str(run_dir)!r}, {dev!r}); print(sample_text(torch.compile(m), tok, '', 48, seed=0))")
    r = run([sys.executable, '-c', code], env)
    rep.part('sample from the compiled model', r, text=r['stdout'].strip()[-300:])


def hellaswag_part(rep, run_dir, env, dev, dry):
    "HellaSwag on the whole validation split (16 examples in a dry run): accuracy and examples per second."
    hs = ['--limit', '16'] if dry else []
    r = run([sys.executable, '-m', 'nanogpt_nb.commands', 'hellaswag', '--model', run_dir, '--device', dev, '--no-compile', '--no-progress', *hs], env)
    m = re.search(r'n=(\d+) acc=([\d.]+) acc_norm=([\d.]+) \(([\d.]+)s', r['stdout'])
    rep.part('hellaswag', r, **(dict(n=int(m[1]), acc=float(m[2]), acc_norm=float(m[3]), examples_per_s=round(int(m[1])/max(float(m[4]), 1e-9), 1)) if m else {}))


def generation_part(rep, run_dir, env, dev, dry):
    "`nanogpt-sample` with and without the KV cache: tokens per second, and the same text."
    n_new = '24' if dry else '500'
    gen = {}
    for cache in ('--cache', '--no-cache'):
        r = run([sys.executable, '-m', 'nanogpt_nb.commands', 'sample',
                 '--model', run_dir, '--device', dev, '--max_new_tokens', n_new, '--seed', '0', '--timing', cache], env)
        m = re.search(r'([\d.]+) tokens/s', r['stderr'])
        gen[cache] = dict(ok=r['rc'] == 0, tok_per_s=float(m[1]) if m else None, text=r['stdout'])
    same = gen['--cache']['text'] == gen['--no-cache']['text']
    c, n = gen['--cache']['tok_per_s'], gen['--no-cache']['tok_per_s']
    rep.part('generation, KV cache vs none', dict(rc=0 if gen['--cache']['ok'] and gen['--no-cache']['ok'] and same else 1, seconds=None),
             new_tokens=int(n_new), cache_tok_per_s=c, no_cache_tok_per_s=n, speedup=round(c/n, 2) if c and n else None, same_text=same)


if __name__ == '__main__': sys.exit(main())
