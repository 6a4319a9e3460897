"""Run the training command with one rank killing itself (SIGKILL, no clean-up) when its loader is asked for the
batches of a given step: a crash on demand, to test resuming. A test tool, not part of the package.

    CRASH_AT_STEP=12 CRASH_ACCUM=2 [CRASH_RANK=1] torchrun ... scripts/crash_at_step.py <train options>

Under torchrun only the first attempt crashes (TORCHELASTIC_RESTART_COUNT 0), so a restarted group runs through.
"""
import os, signal, sys
import nanogpt_nb.shards as shards, nanogpt_nb.train as train

at, accum, victim = int(os.environ['CRASH_AT_STEP']), int(os.environ.get('CRASH_ACCUM', '1')), int(os.environ.get('CRASH_RANK', '1'))
calls, next_batch = [0], shards.ShardLoader.next_batch

def dying_next_batch(self):
    if self.split == 'train' and self.rank == victim and os.environ.get('TORCHELASTIC_RESTART_COUNT', '0') == '0':
        if calls[0] // accum == at:
            print(f'[test] rank {victim} kills itself at step {at}', file=sys.stderr, flush=True)
            os.kill(os.getpid(), signal.SIGKILL)
        calls[0] += 1
    return next_batch(self)

shards.ShardLoader.next_batch = dying_next_batch
sys.exit(train.train_main())
