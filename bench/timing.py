"""The timing loop shared by bench/torch_step.py and bench/openblas_step.py."""
import time


def best_rate(fn, work, seconds, warmup=2):
    """Runs fn warmup times, then for five windows of seconds / 5 each; returns the best work per second."""
    for _ in range(warmup):
        fn()
    best = 0.0
    window = seconds / 5
    for _ in range(5):
        calls = 0
        start = time.perf_counter()
        while True:
            fn()
            calls += 1
            elapsed = time.perf_counter() - start
            if elapsed >= window:
                break
        best = max(best, calls * work / elapsed)
    return best
