"""Why the git command: walk a branch's first-parent history for every `*.md`/`*.jsonl` blob, then read the last
version of each, with dulwich (pure Python) and with the `git` command (warehouse.git_source); medians of 3.

dulwich is no dependency of the project: install it aside and name the folder (the repository is bench_git.py's):

    .venv/bin/pip install --target /tmp/dulwich_probe dulwich
    PYTHONPATH=$PWD:/tmp/dulwich_probe .venv/bin/python bench/bench_git_readers.py bench/out/git-365x60/repo
"""
import statistics
import sys
import time

repo_path = sys.argv[1]
from dulwich.repo import Repo
from dulwich.diff_tree import tree_changes
from warehouse.git_blobs import read_blob
from warehouse.git_source import branch_commit, history_blobs

def wanted(n): return n.endswith((".md", ".jsonl"))

def with_dulwich():
    r = Repo(repo_path)
    head = r.refs[b"refs/heads/data"]
    chain = []
    c = r[head]
    while True:
        chain.append(c)
        if not c.parents: break
        c = r[c.parents[0]]
    last = {}
    prev_tree = None
    for c in reversed(chain):
        for ch in tree_changes(r.object_store, prev_tree, c.tree):
            if ch.new.path and wanted(ch.new.path.decode()):
                last[ch.new.path] = ch.new.sha
        prev_tree = c.tree
    return sum(len(r[s].data) for s in last.values())

def with_git():
    _, commit = branch_commit(repo_path, "data")
    blobs, _ = history_blobs(repo_path, commit, wanted)
    return sum(len(read_blob(repo_path, b.blob)) for b in blobs)

for name, fn in (("dulwich", with_dulwich), ("git", with_git)):
    ts = []
    for _ in range(3):
        t = time.perf_counter(); n = fn(); ts.append(time.perf_counter() - t)
    print(name, n, "bytes", "median %.3f s" % statistics.median(ts), [round(x, 3) for x in ts])
