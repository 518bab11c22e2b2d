#!/usr/bin/env python3
"""Prints bin/compare's tables (Markdown) from the JMH JSON results and PyTorch's JSON lines in the given directory."""
import json
import os
import sys

IMPLS = {"generatedBp": "infergen BP (generated)", "generatedFenchel": "infergen Fenchel BP (generated)",
         "handwrittenBp": "hand-written Java BP"}
# FLOP of the GEMMs one train step runs per sample: forward and weight gradient for every layer, the error for every
# layer but the first (no input gradient): 2 * (2 d0 d1 + 3 sum_{l>0} d_l d_{l+1}).
PAPER_MLP = [784, 256, 128, 64, 10]
ISSUE_PEAK_GFLOPS = 351.0  # OpenBLAS sgemm 2048^3 on 2 threads as issue #4 measured it; used only without a measurement


def flop_per_sample(dims):
    return 2.0 * sum(dims[l] * dims[l + 1] * (2 if l == 0 else 3) for l in range(len(dims) - 1))


def load(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return json.load(f)


def fmt(x):
    return f"{x:,.0f}"


def load_lines(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def measured_peak(d):
    """The best sgemm 2048^3 GFLOP/s of bench/openblas_step.py at the largest thread count, or None."""
    peaks = [r for r in load_lines(os.path.join(d, "openblas.jsonl")) if r["kind"] == "peak"]
    if not peaks:
        return None
    top = max(r["threads"] for r in peaks)
    return max((r for r in peaks if r["threads"] == top), key=lambda r: r["gflops"])


def trainstep_table(d):
    rows = []
    for r in load(os.path.join(d, "trainstep.json")):
        p = r["params"]
        b, t = int(p["batch"]), int(p["threads"])
        if p["impl"] == "handwrittenBp" and t != 1:
            continue  # single-threaded whatever the team size; one row
        pm = r["primaryMetric"]
        alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
        rows.append({"system": IMPLS[p["impl"]], "impl": p["impl"], "threads": t, "batch": b,
                     "sps": pm["score"] * b, "err": pm["scoreError"] * b, "alloc": alloc})
    torch = load_lines(os.path.join(d, "torch.jsonl"))
    best_torch = {}
    for r in torch:
        if r["samples_per_s"] > best_torch.get(r["batch"], {"samples_per_s": 0})["samples_per_s"]:
            best_torch[r["batch"]] = r
    for r in torch:
        rows.append({"system": r["system"] + (" (best)" if best_torch[r["batch"]] is r else ""), "impl": "torch",
                     "threads": r["threads"], "batch": r["batch"], "sps": r["samples_per_s"], "err": None,
                     "alloc": None})
    best_blas = {}  # per (batch, threads), the better OpenBLAS core type
    for r in load_lines(os.path.join(d, "openblas.jsonl")):
        key = (r["batch"], r["threads"]) if r["kind"] == "gemms" else None
        if key and r["samples_per_s"] > best_blas.get(key, {"samples_per_s": 0})["samples_per_s"]:
            best_blas[key] = r
    for r in best_blas.values():
        rows.append({"system": r["system"], "impl": "openblas", "threads": r["threads"], "batch": r["batch"],
                     "sps": r["samples_per_s"], "err": None, "alloc": None})
    peak = measured_peak(d)
    flop = flop_per_sample(PAPER_MLP)
    if peak:
        for b in sorted({r["batch"] for r in rows}):
            rows.append({"system": f"machine peak: {peak['system']}, {peak['gflops']:.0f} GFLOP/s ÷ "
                                   f"{flop / 1e6:.2f} MFLOP per sample", "impl": "peak", "threads": peak["threads"],
                         "batch": b, "sps": peak["gflops"] * 1e9 / flop, "err": None, "alloc": None})
    ours = {}
    for r in rows:
        if r["impl"] == "generatedBp" and r["sps"] > ours.get(r["batch"], 0):
            ours[r["batch"]] = r["sps"]
    order = {"generatedBp": 0, "generatedFenchel": 1, "handwrittenBp": 2, "torch": 3, "openblas": 4, "peak": 5}
    rows.sort(key=lambda r: (r["batch"], order[r["impl"]], r["threads"]))
    peak_gflops = peak["gflops"] if peak else ISSUE_PEAK_GFLOPS
    print("| system | threads | batch | samples/s | ratio to infergen BP | % of peak | B/op |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        err = f" ± {fmt(r['err'])}" if r["err"] is not None else ""
        alloc = f"{r['alloc']:.0f}" if r["alloc"] is not None else ""
        ratio = r["sps"] / ours[r["batch"]] if r["batch"] in ours else float("nan")
        pct = 100 * r["sps"] * flop / 1e9 / peak_gflops
        print(f"| {r['system']} | {r['threads']} | {r['batch']} | {fmt(r['sps'])}{err} | {ratio:.2f} | {pct:.0f} "
              f"| {alloc} |")
    print()
    print(f"% of peak: samples/s × {flop / 1e6:.2f} MFLOP (the GEMMs of one step; the first layer has no input "
          f"gradient) ÷ " + (f"the sgemm peak measured in this run, {peak_gflops:.0f} GFLOP/s on {peak['threads']} "
                             f"threads." if peak else f"{peak_gflops:.0f} GFLOP/s (issue #4's machine; not measured)."))
    # Fenchel vs BP at the same batch and threads
    by = {(r["impl"], r["batch"], r["threads"]): r["sps"] for r in rows}
    notes = []
    for (impl, b, t), v in sorted(by.items(), key=lambda kv: (kv[0][1], kv[0][2])):
        if impl == "generatedFenchel" and ("generatedBp", b, t) in by:
            notes.append(f"batch {b}, {t} thread(s): Fenchel BP / BP = {v / by[('generatedBp', b, t)]:.2f}")
    if notes:
        print()
        print("; ".join(notes) + ".")


def scaling_table(d):
    res = load(os.path.join(d, "scaling.json"))
    if not res:
        return
    peak = measured_peak(d)
    peak_gflops = peak["gflops"] if peak else ISSUE_PEAK_GFLOPS
    print()
    print(f"Scaling (BP, Adam, {res[0]['params'].get('threads', '?')} threads). GFLOP/s counts the GEMMs of a step "
          f"(no input gradient); % peak is of {peak_gflops:.0f} GFLOP/s (OpenBLAS sgemm 2048³"
          + (f", {peak['threads']} threads, this run)." if peak else ", 2 threads, issue #4's machine)."))
    print()
    print("| shape | batch | samples/s | GFLOP/s | % peak |")
    print("|---|---:|---:|---:|---:|")
    res.sort(key=lambda r: (r["params"]["shape"], int(r["params"]["batch"])))
    for r in res:
        shape = r["params"]["shape"]
        b = int(r["params"]["batch"])
        sps = r["primaryMetric"]["score"] * b
        gf = sps * flop_per_sample([int(x) for x in shape.split("-")]) / 1e9
        print(f"| {shape} | {b} | {fmt(sps)} | {gf:.1f} | {100 * gf / peak_gflops:.0f} |")


# FLOP of the issue #11 CNN's train step per sample: conv1 (1→32, 5×5 on 28×28) forward and weight gradient (no input
# gradient), conv2 (32→64, 5×5 on 14×14) forward, adjoint and weight gradient, dense 3136→128 and 128→10 three each.
CNN_FLOP = 2 * (2 * 28 * 28 * 32 * 25 + 3 * 14 * 14 * 64 * 32 * 25 + 3 * 3136 * 128 + 3 * 128 * 10)


def conv_table(d):
    res = load(os.path.join(d, "convstep.json"))
    if not res:
        return
    torch = load_lines(os.path.join(d, "conv_torch.jsonl"))
    best = max(torch, key=lambda r: r["samples_per_s"]) if torch else None
    peak = measured_peak(d)
    print()
    print(f"The issue #11 CNN's train step at batch 64 ({CNN_FLOP / 1e6:.1f} MFLOP per sample in its convolutions and "
          "products); ratio to PyTorch's best row" + (f"; % peak of {peak['gflops']:.0f} GFLOP/s (OpenBLAS sgemm, "
                                                      f"{peak['threads']} threads, this run)." if peak else "."))
    print()
    print("| system | threads | samples/s | ± | × PyTorch best | GFLOP/s | % peak | B/step |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in sorted(res, key=lambda r: (r["params"]["rule"], int(r["params"]["threads"]))):
        p = r["params"]
        pm = r["primaryMetric"]
        sps, err = pm["score"] * 64, pm["scoreError"] * 64
        alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
        gf = sps * CNN_FLOP / 1e9
        print(f"| infergen {p['rule']} (generated) | {p['threads']} | {fmt(sps)} | {fmt(err)} | "
              f"{sps / best['samples_per_s']:.2f} | {gf:.1f} | " if best else
              f"| infergen {p['rule']} (generated) | {p['threads']} | {fmt(sps)} | {fmt(err)} | — | {gf:.1f} | ",
              end="")
        print(f"{100 * gf / peak['gflops']:.0f} | " if peak else "— | ", end="")
        print(f"{alloc:.0f} |" if alloc is not None else "— |")
    for r in torch:
        gf = r["samples_per_s"] * CNN_FLOP / 1e9
        mark = " (best)" if r is best else ""
        print(f"| PyTorch, {r['label']}{mark} | {r['threads']} | {fmt(r['samples_per_s'])} | — | "
              f"{r['samples_per_s'] / best['samples_per_s']:.2f} | {gf:.1f} | "
              + (f"{100 * gf / peak['gflops']:.0f}" if peak else "—") + " | — |")


def phase_table(d):
    path = os.path.join(d, "phases.jsonl")
    if not os.path.exists(path):
        return
    with open(path) as f:
        res = [json.loads(line) for line in f if line.strip()]
    if not res:
        return
    print()
    print("Where the time goes at batch 50 (µs per step, medians of 2,000 back-to-back rounds of the generated class's "
          "own methods: forward = predict, loss + backward = computeGradients − predict, Adam = trainStep − "
          "computeGradients).")
    print()
    print("| rule | threads | forward | loss + backward | Adam | train step | samples/s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in res:
        f, g, s = r["predict_us"], r["computeGradients_us"], r["trainStep_us"]
        print(f"| {IMPLS[r['impl']]} | {r['threads']} | {f:.0f} ({100 * f / s:.0f}%) | {g - f:.0f} "
              f"({100 * (g - f) / s:.0f}%) | {s - g:.0f} ({100 * (s - g) / s:.0f}%) | {s:.0f} | "
              f"{fmt(r['batch'] / s * 1e6)} |")


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else "target/compare"
    mpath = os.path.join(d, "machine.txt")
    if os.path.exists(mpath):
        with open(mpath) as f:
            print("Machine: " + " / ".join(line.strip() for line in f if line.strip()))
            print()
    trainstep_table(d)
    scaling_table(d)
    phase_table(d)
    conv_table(d)


if __name__ == "__main__":
    main()
