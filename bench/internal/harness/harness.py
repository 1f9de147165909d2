"""The PyTorch sides' copy of harness.go's measuring loop (bench/*/torch_*.py
and bench/tensor/bench_torch.py import it), so both sides time alike.

    sys.path.insert(0, <bench/internal/harness>); from harness import measure
"""
import time


def measure(f, samples, target):
    """Times f(): warms up with one call, multiplies the repetition count by
    4 until a run lasts more than target/4 seconds, scales it so that a run
    lasts about target, and returns the median wall and CPU time
    (time.process_time: all threads of the process) per call in
    microseconds over samples runs."""
    f()
    reps = 1
    while True:
        t = time.perf_counter()
        for _ in range(reps):
            f()
        d = time.perf_counter() - t
        if d > target / 4:
            reps = max(1, int(reps * target / d))
            break
        reps *= 4
    wall, cpu = [], []
    for _ in range(samples):
        t, c = time.perf_counter(), time.process_time()
        for _ in range(reps):
            f()
        wall.append((time.perf_counter() - t) / reps * 1e6)
        cpu.append((time.process_time() - c) / reps * 1e6)
    wall.sort()
    cpu.sort()
    return wall[samples // 2], cpu[samples // 2]
