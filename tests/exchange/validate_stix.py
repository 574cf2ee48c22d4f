#!/usr/bin/env python3
"""Validates a STIX 2.1 bundle against the OASIS JSON schemas in a local directory.

Usage: validate_stix.py SCHEMA_DIR BUNDLE_FILE
Exit status: 0 valid; 1 invalid (the errors on stderr); 2 usage or unreadable input;
77 python3-jsonschema is not installed (the calling test skips).

Every object is validated against the schema of its type, and the bundle against
common/bundle.json. Schema files absent from SCHEMA_DIR (object types the export never emits)
resolve to the schema `false`. Nothing is fetched from the network.
"""
import json
import os
import sys

try:
    import jsonschema
except ImportError:
    print("python3-jsonschema is not installed", file=sys.stderr)
    sys.exit(77)

ID_PREFIX = "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/"
TYPE_SCHEMAS = {"identity": "sdos/identity.json", "indicator": "sdos/indicator.json"}


def load_local(schema_dir, uri):
    if not uri.startswith(ID_PREFIX):
        raise ValueError("unexpected schema reference: " + uri)
    path = os.path.join(schema_dir, uri[len(ID_PREFIX):].split("#")[0])
    if not os.path.exists(path):
        return False  # an object type the export never emits
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def make_validator(schema_dir, relative):
    schema = load_local(schema_dir, ID_PREFIX + relative)
    cls = jsonschema.validators.validator_for(schema)
    try:
        import referencing
        import referencing.jsonschema

        def retrieve(uri):
            return referencing.Resource.from_contents(
                load_local(schema_dir, uri), default_specification=referencing.jsonschema.DRAFT202012)

        registry = referencing.Registry(retrieve=retrieve)
        return cls(schema, registry=registry)
    except ImportError:  # jsonschema < 4.18: RefResolver with a local handler
        handlers = {"http": lambda uri: load_local(schema_dir, uri)}
        resolver = jsonschema.RefResolver(ID_PREFIX + relative, schema, handlers=handlers)
        return cls(schema, resolver=resolver)


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    schema_dir, bundle_file = sys.argv[1], sys.argv[2]
    try:
        with open(bundle_file, encoding="utf-8") as f:
            bundle = json.load(f)
    except (OSError, ValueError) as e:
        print("cannot read bundle: %s" % e, file=sys.stderr)
        return 2
    errors = []
    for error in make_validator(schema_dir, "common/bundle.json").iter_errors(bundle):
        errors.append("bundle: " + error.message[:300])
    for i, obj in enumerate(bundle.get("objects", [])):
        relative = TYPE_SCHEMAS.get(obj.get("type"))
        if relative is None:
            errors.append("objects[%d]: unexpected type %r" % (i, obj.get("type")))
            continue
        for error in make_validator(schema_dir, relative).iter_errors(obj):
            errors.append("objects[%d] (%s): %s" % (i, obj.get("id"), error.message[:300]))
    for e in errors:
        print(e, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
