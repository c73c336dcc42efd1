/** The built web app as the server hands it out: the page for every app address, files with caching, 404s. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './test/app';

const PAGE = '<!doctype html><html lang="zh-CN"><head><title>一窗通</title></head><body><div id="root"></div></body></html>';
let t: TestApp;
let root: string;

beforeAll(async () => {
  // A folder shaped as Vite builds web/dist: the page and a script, each with its pre-compressed copy.
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'onewindow-web-'));
  fs.mkdirSync(path.join(root, 'assets'));
  fs.writeFileSync(path.join(root, 'index.html'), PAGE);
  fs.writeFileSync(path.join(root, 'index.html.gz'), zlib.gzipSync(PAGE));
  fs.writeFileSync(path.join(root, 'assets', 'app-1a2b3c.js'), 'console.log("一窗通");');
  t = await buildTestApp({ webRoot: root });
});

afterAll(async () => {
  await t.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('serving the web app', () => {
  it('answers "/" with the page to a client that does not accept compression (curl, a monitoring probe)', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body).toBe(PAGE);
    expect((await t.app.inject({ method: 'HEAD', url: '/' })).statusCode).toBe(200);
  });

  it('answers "/" to a browser with the pre-compressed page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(res.rawPayload).toString()).toBe(PAGE);
  });

  it("answers the app's own addresses with the page, uncached", async () => {
    for (const url of ['/staff/cases', '/verify/ABC123?x=1', '/progress']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.body, url).toBe(PAGE);
    }
  });

  it('serves built files with caching, and a missing file or API route as 404', async () => {
    const js = await t.app.inject({ method: 'GET', url: '/assets/app-1a2b3c.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.headers['cache-control']).toBe('public, max-age=3600');
    expect((await t.app.inject({ method: 'GET', url: '/assets/missing.js' })).statusCode).toBe(404);
    const api = await t.app.inject({ method: 'GET', url: '/api/no-such-route' });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('ROUTE_NOT_FOUND');
  });
});
