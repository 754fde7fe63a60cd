"""Runs tomotopy's LDA on the same documents and terms as `zhtext topics`,
for the speed comparison in the README. Not part of the test suite.

    cargo bench --bench throughput                       # makes target/bench-corpus/20MB
    target/release/zhtext dtm target/bench-corpus/20MB -o /tmp/dtm20
    python3 -m venv v && v/bin/pip install tomotopy
    v/bin/python benches/tomotopy_compare.py /tmp/dtm20 20 100

tomotopy's defaults match zhtext's: alpha = 0.1, eta = 0.01. The documents
are the dtm's counts (term order within a document does not change LDA).
"""
import csv
import sys
import time

import tomotopy as tp

folder, k, iters = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
docs = {}
for row in csv.DictReader(open(f"{folder}/dtm.csv", encoding="utf-8")):
    docs.setdefault(row["doc_id"], []).extend([row["term"]] * int(row["n"]))
n_tokens = sum(len(d) for d in docs.values())
for workers in [int(w) for w in (sys.argv[4].split(",") if len(sys.argv) > 4 else ["1", "2"])]:
    model = tp.LDAModel(k=k, alpha=0.1, eta=0.01, seed=1)
    for words in docs.values():
        model.add_doc(words)
    model.train(0, workers=workers)  # initialise outside the timing
    start = time.perf_counter()
    model.train(iters, workers=workers)
    seconds = time.perf_counter() - start
    print(
        f"tomotopy {tp.__version__} ({tp.isa}), workers={workers}: {len(docs)} docs, {n_tokens} tokens, k={k}, "
        f"{iters} sweeps in {seconds:.2f} s = {n_tokens * iters / seconds / 1e6:.1f} M token-sweeps/s, "
        f"ll_per_word {model.ll_per_word:.4f}"
    )
