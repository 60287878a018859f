#!/usr/bin/env python3
"""
store_dialect.py - count the SQLite-specific SQL of the store, by kind:
in the string literals of src/store/*.c (comments left out) and in the
migrations db/*.sql. docs/POSTGRESQL.md's table is its output.

Usage: python3 tools/store_dialect.py (at the root of a checkout)
"""
import glob
import re

KINDS = [
    ("datetime(x, 'unixepoch') and other date()", r"\b(?:date|datetime)\s*\("),
    ("'unixepoch' modifier", r"'unixepoch'"),
    ("strftime()", r"\bstrftime\s*\("),
    ("folded columns (*_fold, txt_fold in C)", r"\b\w+_fold\b"),
    ("FTS5 tables (*_fts)", r"\b\w+_fts\b"),
    ("FTS5 MATCH", r"\bMATCH\b"),
    ("bm25() / rank", r"\bbm25\s*\(|\brank\b"),
    ("CREATE VIRTUAL TABLE (fts5)", r"\bCREATE\s+VIRTUAL\s+TABLE\b"),
    ("group_concat()", r"\bgroup_concat\s*\("),
    ("INSERT OR IGNORE", r"\bOR\s+IGNORE\b"),
    ("ON CONFLICT (upsert)", r"\bON\s+CONFLICT\b"),
    ("json_*()", r"\bjson_\w+\s*\("),
    ("PRAGMA", r"\bPRAGMA\b"),
    ("rowid", r"\browid\b"),
    ("instr()", r"\binstr\s*\("),
    ("max()/min() of two values", r"\b(?:max|min)\s*\([^()]*,"),
    ("COLLATE NOCASE", r"\bCOLLATE\s+NOCASE\b"),
    ("BEGIN IMMEDIATE", r"\bBEGIN\s+IMMEDIATE\b"),
    ("VACUUM", r"\bVACUUM\b"),
    ("INTEGER PRIMARY KEY", r"\bINTEGER\s+PRIMARY\s+KEY\b"),
    ("WITHOUT ROWID", r"\bWITHOUT\s+ROWID\b"),
    ("flag = 0 / = 1 (integers as booleans)", r"\b\w+\s*=\s*[01]\b"),
    ("RETURNING", r"\bRETURNING\b"),
    ("?N parameters", r"\?\d+"),
]

LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')


def main():
    code = []
    for f in sorted(glob.glob("src/store/*.c")):
        with open(f, encoding="utf-8") as fh:
            t = re.sub(r"/\*.*?\*/", "", fh.read(), flags=re.S)
        code.append("\n".join(LITERAL.findall(t)))
    code = "\n".join(code)
    ddl = []
    for f in sorted(glob.glob("db/*.sql")):
        with open(f, encoding="utf-8") as fh:
            ddl.append(re.sub(r"--[^\n]*", "", fh.read()))
    ddl = "\n".join(ddl)
    print("| kind | store C | db/*.sql |")
    print("| --- | ---: | ---: |")
    for name, pat in KINDS:
        print("| %s | %d | %d |" % (name, len(re.findall(pat, code, re.I)),
                                    len(re.findall(pat, ddl, re.I))))


if __name__ == "__main__":
    main()
