#!/usr/bin/env python3
"""Validate questionnaire files against Questionnaires/questionnaire.schema.json.

Usage: check_schema.py [--root DIR] [FILE ...]

Without FILE arguments it checks every Questionnaires/*.json (except *.schema.json)
and Tests/Fixtures/mini.json. DIR defaults to the repository root (two levels above
this script).

Exit status: 0 all files valid, 1 at least one file is invalid (or unreadable, or the
schema itself is invalid), 2 the check cannot run (the `jsonschema` package is missing).
"""

import argparse
import json
import os
import sys

try:
    import jsonschema
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import best_match
except ImportError:
    print("check_schema.py: the Python package 'jsonschema' is not installed", file=sys.stderr)
    sys.exit(2)


def default_files(root):
    qdir = os.path.join(root, "Questionnaires")
    files = sorted(
        os.path.join(qdir, n)
        for n in os.listdir(qdir)
        if n.endswith(".json") and not n.endswith(".schema.json")
    )
    files.append(os.path.join(root, "Tests", "Fixtures", "mini.json"))
    return files


def json_path(error):
    out = "$"
    for p in error.absolute_path:
        out += f"[{p}]" if isinstance(p, int) else f".{p}"
    return out


def local_description(schema, sub):
    """The description of a subschema, following one local $ref."""
    if not isinstance(sub, dict):
        return None
    ref = sub.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/"):
        target = schema
        for part in ref[2:].split("/"):
            target = target.get(part, {}) if isinstance(target, dict) else {}
        if isinstance(target, dict) and target.get("description"):
            return target["description"]
    return sub.get("description")


def describe(error, schema):
    msg = error.message
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = set(error.schema.get("properties", {}))
        extra = [k for k in error.instance if k not in known and not k.startswith("x-")]
        msg = "unknown field" + ("s " if len(extra) != 1 else " ") + ", ".join(repr(k) for k in extra)
        msg += " (prefix your own fields with 'x-')"
    elif error.validator == "contains":
        wanted = local_description(schema, error.validator_value)
        msg = "no item matches" + (f": {wanted}" if wanted else " the required shape")
    elif len(msg) > 300:
        msg = msg[:300] + "…"
    if error.context:
        # anyOf / oneOf: show the branch that came closest.
        inner = best_match(error.context)
        if inner is not None:
            msg += f" (closest: {json_path(inner)}: {inner.message})"
    return msg


def main(argv):
    ap = argparse.ArgumentParser(description="Validate questionnaires against the JSON Schema.")
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--root", default=os.path.normpath(os.path.join(here, "..", "..")))
    ap.add_argument("files", nargs="*")
    args = ap.parse_args(argv)

    schema_path = os.path.join(args.root, "Questionnaires", "questionnaire.schema.json")
    try:
        with open(schema_path, encoding="utf-8") as f:
            schema = json.load(f)
        Draft202012Validator.check_schema(schema)
    except (OSError, ValueError, jsonschema.exceptions.SchemaError) as e:
        print(f"{schema_path}: invalid schema: {e}")
        return 1
    validator = Draft202012Validator(schema)

    try:
        files = args.files or default_files(args.root)
    except OSError as e:
        print(f"cannot list questionnaires: {e}")
        return 1
    failed = 0
    for path in files:
        shown = path
        if os.path.isabs(path) and os.path.commonpath([path, os.path.abspath(args.root)]) == os.path.abspath(args.root):
            shown = os.path.relpath(path, args.root)
        try:
            # utf-8-sig: the loader skips a byte-order mark too.
            with open(path, encoding="utf-8-sig") as f:
                doc = json.load(f)
        except (OSError, ValueError) as e:
            print(f"{shown}: cannot read: {e}")
            failed += 1
            continue
        errors = sorted(validator.iter_errors(doc), key=lambda e: (list(map(str, e.absolute_path)), e.message))
        if errors:
            failed += 1
            for e in errors:
                print(f"{shown}: {json_path(e)}: {describe(e, schema)}")
            print(f"{shown}: {len(errors)} error{'s' if len(errors) != 1 else ''}")
        else:
            print(f"{shown}: ok")
    if failed:
        print(f"{failed} of {len(files)} file{'s' if len(files) != 1 else ''} failed")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
