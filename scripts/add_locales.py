#!/usr/bin/env python3
"""Merge translation keys into locales/{en,km,zh}.json.

Usage: scripts/add_locales.py FRAGMENT.json
FRAGMENT is {"key": {"en": "...", "km": "...", "zh": "..."}, ...}. Existing keys are
replaced. Holds a lock on /tmp/locales.lock so that several people (or helpers) editing at
once do not overwrite each other's keys. Keys are kept in file order, new ones appended.
"""
import fcntl
import json
import pathlib
import sys

LANGUAGES = ("en", "km", "zh")
root = pathlib.Path(__file__).resolve().parent.parent / "locales"

fragment = json.loads(pathlib.Path(sys.argv[1]).read_text(encoding="utf-8"))
for key, texts in fragment.items():
    missing = [language for language in LANGUAGES if not texts.get(language)]
    if missing:
        sys.exit(f"{key}: missing {', '.join(missing)}")

with open("/tmp/locales.lock", "w") as lock:
    fcntl.flock(lock, fcntl.LOCK_EX)
    for language in LANGUAGES:
        path = root / f"{language}.json"
        table = json.loads(path.read_text(encoding="utf-8"))
        for key, texts in fragment.items():
            table[key] = texts[language]
        path.write_text(json.dumps(table, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
print(f"merged {len(fragment)} keys")
