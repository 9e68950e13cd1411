#!/usr/bin/env python3
# The structure numbers of issue 19 (duplicate pairs, longest functions, build files,
# functions outside app/state that take AppState&), measured the same way every time.
"""Structure metrics of the SepConv Lab tree.

Run from anywhere: python3 tools/structure_metrics.py [--root DIR] [--top N]
[--no-duplicates] [--list-build-files]. Standard library only.

What it counts (docs/architecture.md, "Structure metrics"):

1. duplicates: the pair count on the first line of `duplicates --most 200
   --seconds 120` run at the root (skipped with --no-duplicates or when the tool is
   not in PATH).
2. functions: C++ function definitions (.cpp .cc .cxx .h .hpp .hh) under core/, app/,
   tests/, bench/ and tools/. A definition is a `{ ... }` block at file or namespace
   level (extern "C" blocks count as namespace level) whose head ends in a parameter
   list `)`, optionally followed by const, noexcept, override, final, & or &&, a
   trailing `-> type`, or a constructor's initializer list. Lambdas inside a function
   are part of it; functions defined inside a class body are not counted. Lines are
   counted from the first line of the head (template line included) to the closing
   brace. Comments, string and character literals (raw strings included), digit
   separators and preprocessor lines are blanked before braces are matched.
3. build files: CMakeLists.txt and *.cmake below the root, leaving out .git and build
   trees (any folder holding a CMakeCache.txt, and top-level folders named build*).
4. AppState writers: function definitions outside app/state/ whose parameter list has
   `AppState&` (or `AppState &`) without `const` before it or after AppState.
"""

import argparse
import bisect
import os
import re
import shutil
import subprocess
import sys

SOURCE_DIRS = ("core", "app", "tests", "bench", "tools")
CPP_EXTENSIONS = (".cpp", ".cc", ".cxx", ".h", ".hpp", ".hh")
TEST_MACROS = ("TEST", "TEST_F", "TEST_P", "TYPED_TEST", "TYPED_TEST_P")
# Words that may stand before a parenthesis in a head without it being the parameters.
NOT_A_NAME = {"decltype", "alignas", "__attribute__", "noexcept", "sizeof", "alignof",
              "__declspec", "requires", "throw"}


# [SECTION] blanking: comments, literals and preprocessor lines become spaces


def blank(text):
    """The text with comments, the insides of string and character literals and
    preprocessor lines replaced by spaces; newlines are kept, so offsets and line
    numbers stay those of the file."""
    out = list(text)
    n = len(text)
    i = 0
    line_start = True  # only white space so far on this line

    def wipe(a, b):
        for k in range(a, b):
            if out[k] != "\n":
                out[k] = " "

    while i < n:
        c = text[i]
        if c == "\n":
            line_start = True
            i += 1
            continue
        if c in " \t\r\f\v":
            i += 1
            continue
        if line_start and c == "#":
            # A directive, with its backslash continuations.
            j = i
            while j < n:
                if text[j] == "\n" and text[j - 1] != "\\":
                    break
                if text.startswith("//", j):
                    j = text.find("\n", j)
                    j = n if j < 0 else j
                    break
                if text.startswith("/*", j):
                    end = text.find("*/", j + 2)
                    j = n if end < 0 else end + 2
                    continue
                j += 1
            wipe(i, j)
            i = j
            continue
        line_start = False
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            wipe(i, j)
            i = j
            continue
        if text.startswith("/*", i):
            end = text.find("*/", i + 2)
            j = n if end < 0 else end + 2
            wipe(i, j)
            i = j
            continue
        if c.isdigit() or (c == "." and i + 1 < n and text[i + 1].isdigit()):
            # A number, digit separators (6'000'000) and exponents included.
            j = i + 1
            while j < n:
                d = text[j]
                if d.isalnum() or d in "._":
                    j += 1
                elif d == "'" and j + 1 < n and text[j + 1].isalnum():
                    j += 1
                elif d in "+-" and text[j - 1] in "eEpP":
                    j += 1
                else:
                    break
            i = j
            continue
        if c.isalpha() or c == "_":
            j = i + 1
            while j < n and (text[j].isalnum() or text[j] == "_"):
                j += 1
            word = text[i:j]
            if j < n and text[j] == '"' and word in ("R", "LR", "uR", "UR", "u8R"):
                # Raw string: R"delim( ... )delim"
                open_paren = text.find("(", j + 1)
                delim = text[j + 1:open_paren]
                close = text.find(")" + delim + '"', open_paren + 1)
                end = n if close < 0 else close + len(delim) + 1
                wipe(open_paren, end - 1 if close >= 0 else end)
                out[open_paren] = " "
                i = end + (1 if close >= 0 else 0)
                continue
            i = j
            continue
        if c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            wipe(i + 1, min(j, n))
            i = j + 1
            continue
        i += 1
    return "".join(out)


# [SECTION] heads: is the text before a `{` a function's signature?


def matching(text, i, open_c, close_c):
    """Index of the bracket that closes text[i] (an open_c), or -1."""
    depth = 0
    for j in range(i, len(text)):
        if text[j] == open_c:
            depth += 1
        elif text[j] == close_c:
            depth -= 1
            if depth == 0:
                return j
    return -1


def strip_template(head):
    """The head without a leading `template <...>` (nested angle brackets allowed)."""
    m = re.match(r"\s*template\s*<", head)
    while m:
        depth, j = 0, m.end() - 1
        while j < len(head):
            if head[j] == "<":
                depth += 1
            elif head[j] == ">":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        head = head[j + 1:]
        m = re.match(r"\s*template\s*<", head)
    return head


QUALIFIERS = re.compile(
    r"\s*(?:(?:const|volatile|override|final|mutable|&&|&)\s*"
    r"|noexcept\s*(?:\([^()]*\))?\s*|throw\s*\(\s*\)\s*)*(?:->.*)?\s*$", re.S)


def parse_head(head):
    """(name, parameter text) when `head` is a function's signature, else None."""
    body = strip_template(head)
    i = body.find("(")
    while i >= 0:
        before = body[:i].rstrip()
        close = matching(body, i, "(", ")")
        if close < 0:
            return None
        if re.search(r"\boperator\s*$", before) and body[i + 1:close].strip() == "":
            # operator(): the group after it holds the parameters.
            i = body.find("(", close + 1)
            before = body[:i].rstrip()
            close = matching(body, i, "(", ")") if i >= 0 else -1
            if close < 0:
                return None
            break
        word = re.search(r"([A-Za-z_~][A-Za-z_0-9]*)\s*$", before)
        named = word is not None or re.search(r"(?:operator\s*\S{1,3}|>)\s*$", before)
        if named and not (word and word.group(1) in NOT_A_NAME):
            break
        i = body.find("(", close + 1)
    if i < 0:
        return None
    rest = body[close + 1:]
    is_ctor_init = re.match(r"\s*:(?!:)", rest) is not None
    if not is_ctor_init and not QUALIFIERS.match(rest):
        return None
    name_m = re.search(r"((?:[A-Za-z_~][A-Za-z_0-9]*\s*(?:<[^;{}()]*>)?\s*::\s*)*"
                       r"(?:operator\s*(?:\(\)|[^\s(]+)|~?[A-Za-z_][A-Za-z_0-9]*))\s*$", before)
    name = re.sub(r"\s+", "", name_m.group(1)) if name_m else before.split()[-1]
    params = body[i + 1:close]
    if name in TEST_MACROS:
        name = name + "(" + re.sub(r"\s+", " ", params.strip()) + ")"
    return name, params


def head_is_scope(head):
    """True for `namespace x`, `namespace`, `inline namespace` and `extern "C"`."""
    return re.match(r"\s*(?:inline\s+)?namespace\b[^()]*$", head) is not None or \
        re.match(r'\s*extern\s*"\s*"\s*$', head) is not None


# [SECTION] scanning: function definitions at file and namespace level


ACCESS_LABELS = re.compile(r"^(?:\s*(?:public|private|protected)\s*:(?!:))+")
CLASS_HEAD = re.compile(r"(?:^|[\s;])(?:class|struct|union)\s+([A-Za-z_][A-Za-z_0-9]*)")


def find_functions(text, members=False):
    """(first line, last line, name, params) for each function definition, and the
    number of braces that did not match (0 for a file the scan understood). With
    `members`, functions defined inside class bodies are listed too (Class::name)."""
    clean = blank(text)
    newlines = [k for k, ch in enumerate(clean) if ch == "\n"]

    def line(offset):
        return bisect.bisect_right(newlines, offset - 1) + 1

    results = []
    unmatched = 0

    def scan(pos, end, owner=""):
        nonlocal unmatched
        head_start = pos
        i = pos
        while i < end:
            c = clean[i]
            if c == ";":
                head_start = i + 1
            elif c == "}":
                return i
            elif c == "(":
                # A scope's braces never stand inside parentheses at this level; a
                # head's default arguments may hold braces (f(int a = {})).
                close = matching(clean, i, "(", ")")
                i = (end if close < 0 else close) + 1
                continue
            elif c == "{":
                head = clean[head_start:i]
                if owner:
                    label = ACCESS_LABELS.match(head)
                    if label:
                        head_start += label.end()
                        head = head[label.end():]
                close = matching(clean, i, "{", "}")
                if close < 0 or close >= end:
                    unmatched += 1
                    close = end - 1
                if head_is_scope(head) and not owner:
                    scan(i + 1, close)
                    head_start = i = close + 1
                    continue
                parsed = parse_head(head)
                if parsed and re.search(r"\)\s*:(?!:)", head) and re.search(
                        r"[A-Za-z_0-9>]\s*$", head):
                    # A brace member initializer (x_{v}) of a constructor's list: the
                    # body comes later, so the head goes on.
                    i = close + 1
                    continue
                if parsed:
                    first = head_start + (len(head) - len(head.lstrip()))
                    name = owner + parsed[0]
                    results.append((line(first), line(close), name, parsed[1]))
                elif members:
                    cls = CLASS_HEAD.search(head)
                    if cls and "=" not in head:
                        scan(i + 1, close, owner + cls.group(1) + "::")
                head_start = i = close + 1
                continue
            i += 1
        return end

    pos = 0
    while pos < len(clean):
        stop = scan(pos, len(clean))
        if stop < len(clean):
            unmatched += 1  # a `}` with no `{`: go on after it
        pos = stop + 1
    return results, unmatched


# [SECTION] the four numbers


def cpp_files(root):
    for top in SOURCE_DIRS:
        base = os.path.join(root, top)
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = sorted(d for d in dirnames if not skip_dir(dirpath, d))
            for f in sorted(filenames):
                if f.endswith(CPP_EXTENSIONS):
                    yield os.path.join(dirpath, f)


def skip_dir(dirpath, name):
    full = os.path.join(dirpath, name)
    return name == ".git" or os.path.exists(os.path.join(full, "CMakeCache.txt"))


def build_files(root):
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        keep = []
        for d in sorted(dirnames):
            if skip_dir(dirpath, d):
                continue
            if dirpath == root and d.startswith("build"):
                continue
            keep.append(d)
        dirnames[:] = keep
        for f in sorted(filenames):
            if f == "CMakeLists.txt" or f.endswith(".cmake"):
                found.append(os.path.relpath(os.path.join(dirpath, f), root))
    return found


def writes_app_state(params):
    """True when a parameter is a non-const AppState reference."""
    for m in re.finditer(r"\bAppState\s*&(?!&)", params):
        piece = params[:m.start()]
        start = max(piece.rfind(","), piece.rfind("(")) + 1
        declared = params[start:m.end()]
        if re.search(r"\bconst\b", declared) or re.search(r"AppState\s+const\b", declared):
            continue
        return True
    return False


def duplicate_pairs(root):
    """(pairs, first line of the report) from the duplicates tool, or (None, why)."""
    tool = shutil.which("duplicates")
    if not tool:
        return None, "duplicates is not in PATH"
    run = subprocess.run([tool, "--most", "200", "--seconds", "120"], cwd=root,
                         capture_output=True, text=True, check=False)
    lines = run.stdout.splitlines()
    first = lines[0] if lines else run.stderr.strip()
    incomplete = [ln for ln in lines if ln.startswith("incomplete:")]
    m = re.match(r"(\d+) pairs?", first)
    if first.startswith("no duplicates"):
        return 0, first
    if not m:
        return None, first
    note = first + ("".join("\n  " + ln for ln in incomplete))
    return int(m.group(1)), note


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", default=os.path.dirname(here), help="the repository root")
    parser.add_argument("--top", type=int, default=15, help="how many long functions to list")
    parser.add_argument("--no-duplicates", action="store_true",
                        help="skip the duplicates tool (it takes up to two minutes)")
    parser.add_argument("--list-build-files", action="store_true")
    parser.add_argument("--members", action="store_true",
                        help="also count functions defined inside class bodies")
    args = parser.parse_args()
    root = os.path.abspath(args.root)

    functions = []  # (lines, path, first, last, name)
    writers = []
    for path in cpp_files(root):
        rel = os.path.relpath(path, root)
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        found, unmatched = find_functions(text, args.members)
        if unmatched:
            print(f"warning: {rel}: {unmatched} braces do not match; its counts may be off",
                  file=sys.stderr)
        for first, last, name, params in found:
            functions.append((last - first + 1, rel, first, last, name))
            if not rel.startswith("app/state/") and writes_app_state(params):
                writers.append((rel, first, name))
    functions.sort(key=lambda t: (-t[0], t[1], t[2]))

    print(f"Longest functions ({len(functions)} function definitions in "
          f"{', '.join(d + '/' for d in SOURCE_DIRS)}):")
    for lines, rel, first, last, name in functions[:args.top]:
        print(f"  {lines:5d}  {rel}:{first}-{last}  {name}")

    builds = build_files(root)
    if args.list_build_files:
        print("Build files:")
        for b in builds:
            print("  " + b)

    print("Functions outside app/state/ with a non-const AppState& parameter:")
    for rel, first, name in sorted(writers):
        print(f"  {rel}:{first}  {name}")
    by_top = {}
    for rel, _, _ in writers:
        top = "/".join(rel.split("/")[:2]) if rel.startswith("app/") else rel.split("/")[0]
        by_top[top] = by_top.get(top, 0) + 1
    split = ", ".join(f"{k} {v}" for k, v in sorted(by_top.items()))

    print()
    if args.no_duplicates:
        print("duplicates pairs:        (skipped)")
    else:
        pairs, note = duplicate_pairs(root)
        print(f"duplicates pairs:        {pairs if pairs is not None else 'unknown'}  ({note})")
    if functions:
        lines, rel, first, _, name = functions[0]
        print(f"longest function:        {lines} lines, {name} ({rel}:{first})")
    print(f"build files:             {len(builds)} (CMakeLists.txt and *.cmake)")
    print(f"AppState& writers:       {len(writers)} ({split})")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # piped into head: the reader has all it wanted
        sys.stderr.close()
        sys.exit(0)
