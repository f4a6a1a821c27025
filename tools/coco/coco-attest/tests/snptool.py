#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Test helper for coco-attest, written independently of the C code.

  flip IN OFF BIT OUT           copy IN with one bit flipped
  setbyte IN OFF VAL OUT        copy IN with one byte replaced
  sigder REPORT OUT             R/S of a report -> DER ECDSA-Sig-Value
  unsigned OUT [k=v ...]        a synthetic report (signed area only, 0x2a0
                                bytes); keys below
  attach UNSIGNED SIGDER OUT    put a DER signature into R/S -> 1184 bytes
  table OUT [--bad-offset] [--no-end] KIND=FILE ...
                                an extended-report certificate table
  json-get FILE PATH            print one member of a JSON file (a.b.c)
"""
import json
import struct
import sys
import uuid

REPORT_SIZE = 0x4A0
SIGNED = 0x2A0
R_OFF, S_OFF = 0x2A0, 0x2E8

GUIDS = {
    "ark": "c0b406a4-a803-4952-9743-3fb6014cd0ae",
    "ask": "4ab7b379-bbac-4fe4-a02f-05aef327c782",
    "vcek": "63da758d-e664-4564-adc5-f4b93be8accd",
    "vlek": "a8074bc2-a25a-483e-aae6-39c045a0b8a1",
}


def der_len(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def der_int(n):
    # one spare byte when the top bit is set keeps the INTEGER positive
    body = n.to_bytes(n.bit_length() // 8 + 1, "big")
    while len(body) > 1 and body[0] == 0 and body[1] < 0x80:
        body = body[1:]
    return b"\x02" + der_len(len(body)) + body


def der_read(buf, pos, tag):
    if buf[pos] != tag:
        raise ValueError("tag %#x at %d, want %#x" % (buf[pos], pos, tag))
    n = buf[pos + 1]
    pos += 2
    if n & 0x80:
        k = n & 0x7F
        n = int.from_bytes(buf[pos:pos + k], "big")
        pos += k
    return buf[pos:pos + n], pos + n


def cmd_flip(a):
    data = bytearray(open(a[0], "rb").read())
    data[int(a[1], 0)] ^= 1 << int(a[2])
    open(a[3], "wb").write(data)


def cmd_setbyte(a):
    data = bytearray(open(a[0], "rb").read())
    data[int(a[1], 0)] = int(a[2], 0)
    open(a[3], "wb").write(data)


def cmd_sigder(a):
    rep = open(a[0], "rb").read()
    r = int.from_bytes(rep[R_OFF:R_OFF + 72], "little")
    s = int.from_bytes(rep[S_OFF:S_OFF + 72], "little")
    body = der_int(r) + der_int(s)
    open(a[1], "wb").write(b"\x30" + der_len(len(body)) + body)


def tcb_bytes(spec, turin):
    """fmc:bl:tee:snp:ucode (Turin) or bl:tee:snp:ucode -> 8 bytes."""
    v = [int(x, 0) for x in spec.split(":")]
    if turin:
        fmc, bl, tee, snp, ucode = v
        return bytes([fmc, bl, tee, snp, 0, 0, 0, ucode])
    bl, tee, snp, ucode = v
    return bytes([bl, tee, 0, 0, 0, 0, snp, ucode])


def cmd_unsigned(a):
    """Keys: version, family, model, stepping, tcb, chipid (hex),
    keyinfo, policy, reportdata (hex), measurement (hex)."""
    kv = dict(x.split("=", 1) for x in a[1:])
    ver = int(kv.get("version", "3"), 0)
    fam = int(kv.get("family", "0x1a"), 0)
    turin = fam == 0x1A
    rep = bytearray(SIGNED)
    struct.pack_into("<IIQ", rep, 0, ver, 1, int(kv.get("policy", "0x30000"), 0))
    struct.pack_into("<II", rep, 0x30, 0, 1)          # VMPL, SIGNATURE_ALGO
    tcb = tcb_bytes(kv.get("tcb", "1:2:3:4:5" if turin else "2:0:5:68"), turin)
    for off in (0x38, 0x180, 0x1E0, 0x1F0):            # current/reported/...
        rep[off:off + 8] = tcb
    struct.pack_into("<I", rep, 0x48, int(kv.get("keyinfo", "0"), 0))
    rd = bytes.fromhex(kv.get("reportdata", ""))
    rep[0x50:0x50 + len(rd)] = rd
    ms = bytes.fromhex(kv.get("measurement", "11" * 48))
    rep[0x90:0x90 + 48] = ms
    rep[0x140:0x160] = bytes(range(32))                # REPORT_ID
    rep[0x160:0x180] = b"\xff" * 32                    # REPORT_ID_MA
    if ver >= 3:
        rep[0x188] = fam
        rep[0x189] = int(kv.get("model", "0x02"), 0)
        rep[0x18A] = int(kv.get("stepping", "0"), 0)
    chip = bytes.fromhex(kv.get("chipid", "a1a2a3a4a5a6a7a8"))
    rep[0x1A0:0x1A0 + len(chip)] = chip
    rep[0x1E8:0x1EB] = bytes([7, 55, 1])
    rep[0x1EC:0x1EF] = bytes([7, 55, 1])
    open(a[0], "wb").write(rep)


def cmd_attach(a):
    rep = bytearray(open(a[0], "rb").read())
    der = open(a[1], "rb").read()
    body, _ = der_read(der, 0, 0x30)
    r, pos = der_read(body, 0, 0x02)
    s, _ = der_read(body, pos, 0x02)
    out = rep + bytes(REPORT_SIZE - len(rep))
    out[R_OFF:R_OFF + 72] = int.from_bytes(r, "big").to_bytes(72, "little")
    out[S_OFF:S_OFF + 72] = int.from_bytes(s, "big").to_bytes(72, "little")
    open(a[2], "wb").write(out)


def cmd_table(a):
    out, bad_off, no_end, entries = a[0], False, False, []
    for x in a[1:]:
        if x == "--bad-offset":
            bad_off = True
        elif x == "--no-end":
            no_end = True
        else:
            kind, path = x.split("=", 1)
            entries.append((kind, open(path, "rb").read()))
    n = len(entries) + (0 if no_end else 1)
    off = 24 * n
    table, blobs = b"", b""
    for kind, blob in entries:
        o = 0xFFFFFFF0 if bad_off else off + len(blobs)
        table += uuid.UUID(GUIDS[kind]).bytes + struct.pack("<II", o, len(blob))
        blobs += blob
    if not no_end:
        table += bytes(24)
    open(out, "wb").write(table + blobs)


def cmd_json_get(a):
    v = json.load(open(a[0]))
    for k in a[1].split("."):
        v = v[int(k)] if isinstance(v, list) else v[k]
    print(json.dumps(v) if isinstance(v, (dict, list, bool)) else v)


CMDS = {
    "flip": cmd_flip, "setbyte": cmd_setbyte, "sigder": cmd_sigder,
    "unsigned": cmd_unsigned, "attach": cmd_attach, "table": cmd_table,
    "json-get": cmd_json_get,
}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in CMDS:
        sys.exit(__doc__)
    CMDS[sys.argv[1]](sys.argv[2:])
