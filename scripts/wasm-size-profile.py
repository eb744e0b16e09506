#!/usr/bin/env python3
"""Where the web app's WebAssembly bytes are: code by crate and the largest functions.

Reads the module as the Rust compiler leaves it, before wasm-bindgen and wasm-opt (those
drop the function names): target/wasm32-unknown-unknown/wasm-release/frontend.wasm after
`make dist/index.html`. Function names come from the module's `name` section; a function
counts for the crate of the first path in its name (for `<T as Trait>::f`, the crate of T).

Usage: scripts/wasm-size-profile.py [MODULE] [--top N]
"""

import re
import sys
from collections import Counter
from pathlib import Path

DEFAULT = "target/wasm32-unknown-unknown/wasm-release/frontend.wasm"


def leb(data: bytes, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, at


def name(data: bytes, at: int) -> tuple[str, int]:
    length, at = leb(data, at)
    return data[at : at + length].decode("utf-8", "replace"), at + length


def sections(data: bytes):
    at = 8
    while at < len(data):
        kind = data[at]
        size, body = leb(data, at + 1)
        yield kind, data[body : body + size]
        at = body + size


def imported_functions(body: bytes) -> int:
    count, at = leb(body, 0)
    functions = 0
    for _ in range(count):
        _, at = name(body, at)
        _, at = name(body, at)
        kind = body[at]
        at += 1
        if kind == 0:  # function: type index
            _, at = leb(body, at)
            functions += 1
        elif kind == 1:  # table: element type, limits
            at += 1
            flags, at = leb(body, at)
            _, at = leb(body, at)
            if flags & 1:
                _, at = leb(body, at)
        elif kind == 2:  # memory: limits
            flags, at = leb(body, at)
            _, at = leb(body, at)
            if flags & 1:
                _, at = leb(body, at)
        elif kind == 3:  # global: value type, mutability
            at += 2
        else:  # tag
            at += 1
            _, at = leb(body, at)
    return functions


def function_names(body: bytes) -> dict[int, str]:
    names = {}
    at = 0
    while at < len(body):
        kind = body[at]
        size, start = leb(body, at + 1)
        if kind == 1:
            count, cursor = leb(body, start)
            for _ in range(count):
                index, cursor = leb(body, cursor)
                names[index], cursor = name(body, cursor)
        at = start + size
    return names


ESCAPES = {"$LT$": "<", "$GT$": ">", "$RF$": "&", "$LP$": "(", "$RP$": ")", "$C$": ",",
           "$BP$": "*", "$SP$": "@", "..": "::"}


def demangle(symbol: str) -> str:
    """Rust's legacy mangling (`_ZN` length-prefixed parts `E`), without the hash part."""
    if not symbol.startswith("_ZN"):
        return symbol
    parts = []
    at = 3
    while at < len(symbol) and symbol[at].isdigit():
        digits = re.match(r"\d+", symbol[at:]).group(0)
        at += len(digits)
        part = symbol[at : at + int(digits)]
        at += int(digits)
        if re.fullmatch(r"h[0-9a-f]{16}", part):
            continue
        if part.startswith("_$"):
            part = part[1:]
        part = re.sub(r"\$u([0-9a-f]+)\$", lambda m: chr(int(m.group(1), 16)), part)
        for escape, text in ESCAPES.items():
            part = part.replace(escape, text)
        parts.append(part)
    return "::".join(parts)


def crate_of(function: str) -> str:
    if function.startswith("_R"):
        # Rust's v0 mangling (the precompiled standard library): its first crate name.
        match = re.search(r"C(?:s[0-9A-Za-z]*_)?(\d+)", function)
        if match:
            start = match.end()
            return function[start : start + int(match.group(1))]
        return "(other)"
    generic = re.match(r"<([A-Za-z_][A-Za-z0-9_]*) as (.+)", function)
    if generic and "::" not in generic.group(1):
        # A blanket implementation (`<T as Trait>`): the trait's crate.
        return crate_of(generic.group(2))
    text = function
    while text.startswith("<"):
        text = text[1:]
    text = re.sub(r"^(&|mut |dyn |\*const |\*mut |\[)+", "", text)
    match = re.match(r"[A-Za-z_][A-Za-z0-9_]*", text)
    if not match:
        return "(other)"
    crate = match.group(0)
    return crate if "::" in text[: match.end() + 2] else "(unnamed)"


def main() -> None:
    args = sys.argv[1:]
    top = 15
    if "--top" in args:
        top = int(args[args.index("--top") + 1])
        del args[args.index("--top") : args.index("--top") + 2]
    module = Path(args[0] if args else DEFAULT)
    data = module.read_bytes()
    imports = 0
    bodies: list[int] = []
    names: dict[int, str] = {}
    data_bytes = 0
    for kind, body in sections(data):
        if kind == 2:
            imports = imported_functions(body)
        elif kind == 10:
            count, at = leb(body, 0)
            for _ in range(count):
                size, at = leb(body, at)
                bodies.append(size)
                at += size
        elif kind == 11:
            data_bytes = len(body)
        elif kind == 0:
            section_name, at = name(body, 0)
            if section_name == "name":
                names = function_names(body[at:])
    code = sum(bodies)
    by_crate: Counter[str] = Counter()
    functions = []
    for offset, size in enumerate(bodies):
        function = demangle(names.get(imports + offset, f"function {imports + offset}"))
        by_crate[crate_of(function)] += size
        functions.append((size, function))
    print(f"{module}: {len(data):,} bytes; code {code:,} bytes in {len(bodies):,} functions; "
          f"read-only data {data_bytes:,} bytes\n")
    print("| crate | code bytes | share of code |")
    print("| --- | ---: | ---: |")
    for crate, size in by_crate.most_common(top):
        print(f"| {crate} | {size:,} | {100 * size / code:.1f}% |")
    print(f"\nLargest functions:\n")
    print("| bytes | function |")
    print("| ---: | --- |")
    for size, function in sorted(functions, reverse=True)[:top]:
        shown = function if len(function) <= 110 else function[:107] + "..."
        print(f"| {size:,} | `{shown}` |")


if __name__ == "__main__":
    main()
