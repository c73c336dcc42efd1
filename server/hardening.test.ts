/**
 * Web hardening (issue 6, part 4) as the client meets it: rate limits on sign-in and on the public progress and
 * certificate lookups answer 429 in the error shape; uploads refuse files over the limit and bytes that are not
 * what the declared type says, and the client's file name never becomes a path.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalFileStore, sha256Hex } from './platform/files/store';
import { buildTestApp, type TestApp } from './test/app';

let t: TestApp;
let root: string;
let applicant: string;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ow-hardening-'));
  t = await buildTestApp({ files: new LocalFileStore(root) });
  applicant = await t.login('applicant');
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

/** Sends the request from one address until it is refused; returns how many passed and the refusal. */
async function hammer(request: InjectOptions, upTo: number): Promise<{ passed: number; refusal: LightMyRequestResponse }> {
  for (let i = 0; i < upTo; i++) {
    const res = await t.app.inject(request);
    if (res.statusCode === 429) return { passed: i, refusal: res };
  }
  throw new Error(`${request.method} ${request.url}: no 429 after ${upTo}`);
}

function expectRateLimited(res: LightMyRequestResponse, english = false) {
  expect(res.statusCode).toBe(429);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  expect(res.json()).toEqual({ error: { code: 'RATE_LIMITED', message: english ? 'Too many requests; please wait and try again.' : '请求过于频繁，请稍后再试。' } });
}

describe('rate limits answer 429 in the error shape', () => {
  it('on sign-in: LOGIN_RATE_LIMIT attempts a minute from one address, whichever accounts they name', async () => {
    expect(t.deps.config.loginRateLimit).toBe(60);
    let n = 0;
    // Each attempt names another account; all but the first are malformed, which costs no password hashing and
    // counts all the same: the limit is met before the body is read.
    const attempt = () => ({ method: 'POST' as const, url: '/api/auth/login', remoteAddress: '203.0.113.5', headers: { 'accept-language': 'en' }, payload: { username: `nobody${n++}` } });
    const first = await t.app.inject({ ...attempt(), payload: { username: 'nobody', password: 'Wrong-password1' } });
    expect(first.statusCode).toBe(401);
    let refusal: { passed: number; res: LightMyRequestResponse } | undefined;
    for (let i = 1; i <= 60; i++) {
      const res = await t.app.inject(attempt());
      if (res.statusCode === 429) {
        refusal = { passed: i, res };
        break;
      }
    }
    expect(refusal?.passed).toBe(60);
    expectRateLimited(refusal!.res, true);
    // Even the right password waits: the limit is on attempts, not on failures.
    const right = await t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '203.0.113.5', payload: { username: 'clerk', password: 'OneWindow@2026' } });
    expect(right.statusCode).toBe(429);
    // Another address is not affected.
    const elsewhere = await t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '203.0.113.6', payload: { username: 'clerk', password: 'OneWindow@2026' } });
    expect(elsewhere.statusCode).toBe(200);
  });

  it('on the public progress query: 10 a minute', async () => {
    const { passed, refusal } = await hammer({ method: 'POST', url: '/api/public/case-progress', remoteAddress: '203.0.113.7', payload: { number: '130533-20260310-0001', credential: '13900000000' } }, 20);
    expect(passed).toBe(10);
    expectRateLimited(refusal);
  });

  it('on the public certificate lookup by number (30 a minute) and by upload (10 a minute)', async () => {
    const byNumber = await hammer({ method: 'GET', url: '/api/public/certificates/130533-26-XK099-00001-0', remoteAddress: '203.0.113.8' }, 40);
    expect(byNumber.passed).toBe(30);
    expectRateLimited(byNumber.refusal);
    const upload = await hammer({ method: 'POST', url: '/api/public/certificates/verify', remoteAddress: '203.0.113.8', headers: { 'content-type': 'multipart/form-data; boundary=B', 'accept-language': 'en' }, payload: multipart('x.pdf', 'application/pdf', PDF) }, 20);
    expect(upload.passed).toBe(10);
    expectRateLimited(upload.refusal, true);
  });
});

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);

function multipart(fileName: string, type: string, bytes: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`--B\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`),
    bytes,
    Buffer.from('\r\n--B--\r\n'),
  ]);
}

async function upload(fileName: string, type: string, bytes: Buffer) {
  return t.app.inject({ method: 'POST', url: '/api/files', headers: { cookie: applicant, 'content-type': 'multipart/form-data; boundary=B' }, payload: multipart(fileName, type, bytes) });
}

describe('uploads', () => {
  it('refuses a file over 20 MB with 413 in the error shape', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(20 * 1024 * 1024, 0x20)]);
    const res = await upload('big.pdf', 'application/pdf', big);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: '提交的内容过大。' } });
  });

  it('decides the type from the bytes and refuses a declared type of another kind', async () => {
    const pdfAsPng = await upload('scan.png', 'image/png', PDF);
    expect(pdfAsPng.statusCode).toBe(400);
    expect(pdfAsPng.json().error.fields).toEqual([{ path: 'file', message: '文件内容与其类型（image/png）不符。' }]);
    const htmlAsPdf = await upload('form.pdf', 'application/pdf', Buffer.from('<html><script>alert(1)</script></html>'));
    expect(htmlAsPdf.statusCode).toBe(400);
    expect(htmlAsPdf.json().error.fields[0].path).toBe('file');
    // A phone photo named .png that is a JPEG is still a photo; a type that claims nothing is judged by the bytes.
    const jpegAsPng = await upload('photo.png', 'image/png', JPEG);
    expect(jpegAsPng.statusCode).toBe(201);
    expect(jpegAsPng.json().mime).toBe('image/jpeg');
    const pngAsAnything = await upload('scan', 'application/octet-stream', PNG);
    expect(pngAsAnything.statusCode).toBe(201);
    expect(pngAsAnything.json().mime).toBe('image/png');
  });

  it('never uses the client\'s file name as a path: files are stored under the SHA-256 of their bytes', async () => {
    const bytes = Buffer.concat([PDF, Buffer.from('% traversal test\n')]);
    const res = await upload('../../../../etc/passwd.pdf', 'application/pdf', bytes);
    expect(res.statusCode).toBe(201);
    const sha = sha256Hex(bytes);
    expect(res.json().sha256).toBe(sha);
    // What is kept of the name is a label: no separators, nothing that climbs.
    expect(res.json().fileName).toMatch(/^[^/\\]+$/);
    expect(res.json().fileName).toMatch(/passwd\.pdf$/);
    const stored: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else stored.push(path.relative(root, full));
      }
    };
    walk(root);
    expect(stored).toContain(path.join(sha.slice(0, 2), sha.slice(2, 4), sha));
    expect(stored.every((f) => /^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}$/.test(f))).toBe(true);
    expect(fs.existsSync(path.resolve(root, '../../../../etc/passwd.pdf'))).toBe(false);
  });
});
