#!/usr/bin/env python3
"""Writes the seed corpora under tests/fuzz/corpus/<target>/ from the test fixtures.

Each adapter target's input is one flag byte (see fuzz_adapter.cpp) and then a
body: every stream and JSON fixture of the family goes in with a few flag
values. AWS event-stream listings (*.events) are encoded into the binary
frames the decoders read, as tests/providers/aws/eventstreamwriter.cpp does.
Run from the repository root after fixtures change; the output is committed.
"""
import json
import pathlib
import shutil
import struct
import zlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
CORPUS = ROOT / "tests" / "fuzz" / "corpus"

FAMILIES = {
    "openai": ["openai", "azure"],
    "anthropic": ["anthropic"],
    "gemini": ["gemini"],
    "cohere": ["cohere"],
    "ollama": ["ollama"],
    "bedrock": ["bedrock"],
    "sagemaker": ["sagemaker"],
    "replicate": ["replicate"],
    "tgi": ["tgi"],
}
# Plain, JSON mode with 3-byte pieces, and an error body read as a 429.
FLAGS = [0x00, 0x05, 0x80]


def header(name, value):
    name, value = name.encode(), value.encode()
    return bytes([len(name)]) + name + b"\x07" + struct.pack(">H", len(value)) + value


def message(headers, payload):
    block = b"".join(header(n, v) for n, v in headers)
    prelude = struct.pack(">II", 12 + len(block) + len(payload) + 4, len(block))
    prelude += struct.pack(">I", zlib.crc32(prelude))
    body = prelude + block + payload
    return body + struct.pack(">I", zlib.crc32(body))


def encode_listing(text):
    stream = b""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        headers, pos = [], 0
        while pos < len(line) and line[pos] not in "{\"":
            end = line.find(" ", pos)
            end = len(line) if end < 0 else end
            name, _, value = line[pos:end].partition("=")
            headers.append((name, value))
            pos = end + 1
        payload = line[pos:]
        payload = json.loads(payload).encode() if payload.startswith('"') else payload.encode()
        names = [n for n, _ in headers]
        if ":content-type" not in names:
            headers.append((":content-type", "application/json"))
        if ":message-type" not in names:
            headers.append((":message-type", "event"))
        stream += message(headers, payload)
    return stream


def seeds(folders):
    for folder in folders:
        for path in sorted((DATA / folder).iterdir()):
            if path.suffix == ".events":
                yield path.name, encode_listing(path.read_text())
            elif path.suffix in (".sse", ".ndjson", ".json", ".html"):
                yield path.name, path.read_bytes()


def main():
    for family, folders in FAMILIES.items():
        target = CORPUS / f"fuzz_{family}"
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        for name, body in seeds(folders):
            for flag in FLAGS:
                (target / f"{pathlib.Path(name).stem}-{pathlib.Path(name).suffix[1:]}-{flag:02x}").write_bytes(bytes([flag]) + body)
    # The parser targets take one leading byte too (0: no piece sizes).
    for target, folder, suffixes in (("fuzz_sseparser", "sse", None), ("fuzz_ndjsonparser", "ollama", (".ndjson",))):
        out = CORPUS / target
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        for path in sorted((DATA / folder).iterdir()):
            if suffixes is None or path.suffix in suffixes:
                (out / path.name).write_bytes(b"\x00" + path.read_bytes())
    out = CORPUS / "fuzz_eventstreamdecoder"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for folder in ("bedrock", "sagemaker"):
        for path in sorted((DATA / folder).glob("*.events")):
            (out / f"{folder}-{path.stem}").write_bytes(b"\x00" + encode_listing(path.read_text()))


if __name__ == "__main__":
    main()
