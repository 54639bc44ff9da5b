// Unit tests of mapbuilder/static/lib/payload.js (run: node --test tests/js/)
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const zlib = require("node:zlib");
const P = require("../../mapbuilder/static/lib/payload.js");

function encode(obj) {
  return zlib.gzipSync(Buffer.from(JSON.stringify(obj), "utf8")).toString("base64");
}

test("decode reverses gzip + base64 + JSON, text and numbers intact", async () => {
  const payload = {id: ["a-1", "b-2"], name: ["Zuid-Kennemerland", "€ 2,5 mln <b>"],
                   eur: [2500000, -1], x: [4.9, 5.2]};
  assert.deepEqual(await P.decode(encode(payload)), payload);
});

test("decode ignores line breaks and spaces in the base64", async () => {
  const text = encode({a: 1}).replace(/(.{8})/g, "$1\n  ");
  assert.deepEqual(await P.decode(text), {a: 1});
});

test("decode rejects what is not gzip", async () => {
  await assert.rejects(P.decode(Buffer.from("not gzip").toString("base64")));
});

// the layout points.py encode_payload writes when some columns go as binary
function encodeBinary(cols, rest) {
  const head = Buffer.from(JSON.stringify({cols: cols.map((c) => [c[0], c[1], c[2].length])}));
  const pad = (b) => Buffer.concat([b, Buffer.alloc((8 - b.length % 8) % 8)]);
  const headPadded = Buffer.concat([head, Buffer.alloc((8 - (8 + head.length) % 8) % 8, 32)]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(headPadded.length);
  const T = {i1: Int8Array, i2: Int16Array, i4: Int32Array, f8: Float64Array};
  const blocks = cols.map((c) => pad(c[2].length ? Buffer.from(new T[c[1]](c[2]).buffer)
                                                  : Buffer.alloc(0)));
  const raw = Buffer.concat([Buffer.from("TKB1"), size, headPadded, ...blocks,
                             Buffer.from(JSON.stringify(rest))]);
  return zlib.gzipSync(raw).toString("base64");
}

test("decode gives binary columns as typed arrays of their type, the rest as JSON", async () => {
  const text = encodeBinary([["x", "i4", [52000000, -1, 2147483647]], ["t", "i1", [-1, 0, 7]],
                             ["eur", "f8", [2500000, -1, 2 ** 53]], ["yr", "i2", []]],
                            {name: ["a", "€ 2,5 mln"], n: 3});
  const got = await P.decode(text);
  assert.ok(got.x instanceof Int32Array && got.t instanceof Int8Array);
  assert.ok(got.eur instanceof Float64Array && got.yr instanceof Int16Array);
  assert.deepEqual(Array.from(got.x), [52000000, -1, 2147483647]);
  assert.deepEqual(Array.from(got.t), [-1, 0, 7]);
  assert.deepEqual(Array.from(got.eur), [2500000, -1, 2 ** 53]);
  assert.equal(got.yr.length, 0);
  assert.deepEqual(got.name, ["a", "€ 2,5 mln"]);
  assert.equal(got.n, 3);
});

test("decode refuses a binary column of an unknown type", async () => {
  await assert.rejects(P.decode(encodeBinary([["x", "u8", []]], {})), /unknown column type u8/);
});

test("decode parses a json column when it is first read, and it can be replaced", async () => {
  const names = Buffer.from(JSON.stringify(["Zuid-Kennemerland", "€ 2,5 mln <b>"]));
  const head = Buffer.from(JSON.stringify({cols: [["name", "json", names.length]]}));
  const headPadded = Buffer.concat([head, Buffer.alloc((8 - (8 + head.length) % 8) % 8, 32)]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(headPadded.length);
  const raw = Buffer.concat([Buffer.from("TKB1"), size, headPadded, names,
                             Buffer.alloc((8 - names.length % 8) % 8), Buffer.from('{"n":2}')]);
  const got = await P.decode(zlib.gzipSync(raw).toString("base64"));
  assert.equal(typeof Object.getOwnPropertyDescriptor(got, "name").get, "function");
  assert.deepEqual(got.name, ["Zuid-Kennemerland", "€ 2,5 mln <b>"]);
  assert.equal(Object.getOwnPropertyDescriptor(got, "name").get, undefined);  // parsed once
  assert.equal(got.name, got.name);
  assert.deepEqual(JSON.parse(JSON.stringify(got)), {n: 2, name: ["Zuid-Kennemerland",
                                                                  "€ 2,5 mln <b>"]});
  got.name = ["x"];
  assert.deepEqual(got.name, ["x"]);
});
