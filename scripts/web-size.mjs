// Prints the gzipped size of the JavaScript the portal's first page loads: the entry chunk of web/index.html
// and every chunk it imports statically (transitively), read from Vite's build manifest. Run after
// `npx vite build`. Exits non-zero when the total exceeds the budget (300 KB gzipped, or OW_WEB_BUDGET_KB).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'web', 'dist');
const manifestPath = path.join(dist, '.vite', 'manifest.json');
const budgetKb = Number(process.env.OW_WEB_BUDGET_KB ?? 300);

if (!fs.existsSync(manifestPath)) {
  console.error(`No build manifest at ${path.relative(root, manifestPath)}; run \`npx vite build\` first.`);
  process.exit(2);
}
const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
if (!entryKey) {
  console.error('The manifest has no entry chunk.');
  process.exit(2);
}

const seen = new Set();
const chunks = [];
const css = new Set();
(function visit(key) {
  if (seen.has(key)) return;
  seen.add(key);
  const chunk = manifest[key];
  chunks.push(chunk);
  for (const file of chunk.css ?? []) css.add(file);
  for (const dependency of chunk.imports ?? []) visit(dependency);
})(entryKey);

function sizes(file) {
  const bytes = fs.readFileSync(path.join(dist, file));
  return { raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length };
}

const kb = (n) => `${(n / 1024).toFixed(1).padStart(7)} KB`;
let raw = 0;
let gzip = 0;
console.log('JavaScript loaded by the portal\'s first page (entry + static imports):');
for (const chunk of chunks) {
  const s = sizes(chunk.file);
  raw += s.raw;
  gzip += s.gzip;
  console.log(`  ${chunk.file.padEnd(44)} ${kb(s.raw)}  gzip ${kb(s.gzip)}`);
}
console.log(`  ${'total'.padEnd(44)} ${kb(raw)}  gzip ${kb(gzip)}`);
let cssGzip = 0;
for (const file of css) cssGzip += sizes(file).gzip;
console.log(`CSS (gzip): ${kb(cssGzip).trim()}`);
const lazy = Object.values(manifest).filter((c) => c.isDynamicEntry).map((c) => c.file);
console.log(`Loaded on demand (not counted): ${lazy.length} chunks, e.g. ${lazy.slice(0, 4).join(', ')}`);
const ok = gzip <= budgetKb * 1024;
console.log(`${ok ? 'OK' : 'OVER BUDGET'}: ${(gzip / 1024).toFixed(1)} KB gzipped of JS (budget ${budgetKb} KB)`);
process.exit(ok ? 0 : 1);
