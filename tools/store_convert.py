#!/usr/bin/env python3
"""
convert.py - move store code from SQLite's C API to the store's engine API
(src/store/store_private.h), issue 19 phase A.

Usage: python3 convert.py [FILE...]
Without FILE: every src/store/*.c and *.h under the current directory (the
root of a checkout) but the SQLite engine's own files (store_sqlite*). Files are rewritten in place; what the
script cannot convert (an SQLite call it does not know) is listed on stderr
with its line, and the exit status is 1 so a merge does not go on silently.

The rewriting is mechanical and keeps behaviour:
  sqlite3_stmt                          -> struct store_stmt
  sqlite3_column_int64/int(st, i)       -> store_column_int64/int(st, i)
  (const char *)sqlite3_column_text(..) -> store_column_peek(..)
  sqlite3_column_text(..)               -> store_column_peek(..) (other casts kept)
  sqlite3_column_type(st, i) == SQLITE_NULL  -> store_column_null(st, i)
  sqlite3_column_type(st, i) != SQLITE_NULL  -> !store_column_null(st, i)
  sqlite3_column_type(st, i) == SQLITE_INTEGER -> store_column_isint(st, i)
  sqlite3_column_count/name(..)         -> store_column_count/name(..)
  sqlite3_bind_parameter_count(st)      -> store_bind_count(st)
  sqlite3_changes(X->db)                -> store_changes(X)
  sqlite3_last_insert_rowid(X->db)      -> store_last_id(X)
  sqlite3_errmsg(X->db)                 -> store_errmsg(X)
  #include <sqlite3.h>                  -> removed
Then the lines it made longer than 80 columns (tabs as 8) are reported,
to rewrap by hand.
"""
import glob
import re
import sys

ENGINE = re.compile(r"(^|/)store_sqlite[^/]*\.[ch]$")

RULES = [
    (re.compile(r"^#include <sqlite3\.h>\n", re.M), ""),
    (re.compile(r"\bsqlite3_stmt\b"), "struct store_stmt"),
    (re.compile(r"\bsqlite3_column_int64\("), "store_column_int64("),
    (re.compile(r"\bsqlite3_column_int\("), "store_column_int("),
    # A cast alone at the end of a line: the call moves up its line's
    # break, the space before the cast goes.
    (re.compile(r"( ?)\(const (?:unsigned )?char \*\)(\s*)"
                r"sqlite3_column_text\("),
     lambda m: (m.group(2) if "\n" in m.group(2) else m.group(1)) +
     "store_column_peek("),
    (re.compile(r"\bsqlite3_column_text\("), "store_column_peek("),
    (re.compile(r"\bsqlite3_column_type\(([^()]*)\)\s*==\s*SQLITE_NULL\b"),
     r"store_column_null(\1)"),
    (re.compile(r"\bsqlite3_column_type\(([^()]*)\)\s*!=\s*SQLITE_NULL\b"),
     r"!store_column_null(\1)"),
    (re.compile(r"\bsqlite3_column_type\(([^()]*)\)\s*==\s*SQLITE_INTEGER\b"),
     r"store_column_isint(\1)"),
    (re.compile(r"\bsqlite3_column_count\("), "store_column_count("),
    (re.compile(r"\bsqlite3_column_name\("), "store_column_name("),
    (re.compile(r"\bsqlite3_bind_parameter_count\("), "store_bind_count("),
    (re.compile(r"\bsqlite3_changes\((\w+)->db\)"), r"store_changes(\1)"),
    (re.compile(r"\bsqlite3_last_insert_rowid\((\w+)->db\)"),
     r"store_last_id(\1)"),
    (re.compile(r"\bsqlite3_errmsg\((\w+)->db\)"), r"store_errmsg(\1)"),
]

LEFT = re.compile(r"\bsqlite3\w*|\bSQLITE_\w+")


def width(line):
    return len(line.expandtabs(8))


def convert(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    new = text
    for pat, rep in RULES:
        new = pat.sub(rep, new)
    bad = 0
    old = set(text.split("\n"))
    for n, line in enumerate(new.split("\n"), 1):
        code = re.sub(r"/\*.*?(\*/|$)", "", line)
        if LEFT.search(code) and not code.lstrip().startswith("*"):
            print(f"{path}:{n}: not converted: {line.strip()}",
                  file=sys.stderr)
            bad = 1
        if width(line) > 80 and line not in old:
            print(f"{path}:{n}: made longer than 80 columns",
                  file=sys.stderr)
    if new != text:
        with open(path, "w", encoding="utf-8") as f:
            f.write(new)
    return bad


def main():
    files = sys.argv[1:]
    if not files:
        files = sorted(glob.glob("src/store/*.[ch]"))
        files = [f for f in files if not ENGINE.search(f)]
    bad = 0
    for f in files:
        bad |= convert(f)
    return bad


if __name__ == "__main__":
    sys.exit(main())
