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
