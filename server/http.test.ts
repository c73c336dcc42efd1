/**
 * The HTTP contract as a whole: health, OpenAPI, the error shape in both languages, default deny for every
 * route and every role, and a 400 for bad input on every route that takes input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../common/roles';
import { PERMISSIONS } from './platform/authz/policy';
import type { RouteAccess } from './platform/authz/authz.plugin';
import { buildTestApp, type TestApp } from './test/app';

let t: TestApp;
const cookies = new Map<Role, string>();

beforeAll(async () => {
  t = await buildTestApp();
  for (const role of ROLES) cookies.set(role, await t.login(role));
});
afterAll(() => t.close());

function apiRoutes(): RouteAccess[] {
  return t.app.routeAccess.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.method !== 'HEAD');
}

/** A request with bad input for the route: an impossible id, a wrong query type, a body of the wrong shape. */
type Req = { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; url: string; payload?: Record<string, unknown> };

function badRequest(route: RouteAccess): Req {
  const url = route.url.replace(/:(\w+)/g, (_, name: string) => (name === 'code' ? 'not-a-code' : name === 'sha256' ? 'xyz' : 'not-a-uuid'));
  // Wrong values for every query key the API uses; whichever keys the route reads, some are wrong.
  const query = route.validates.querystring ? `?limit=abc&offset=-5&kind=__bad__&status=__bad__&role=__bad__&type=__bad__&q=${'x'.repeat(300)}&from=yesterday&date=yesterday&zone=__bad__` : '';
  const req: Req = { method: route.method as Req['method'], url: url + query };
  if (route.validates.body) req.payload = { unexpected: [1, 2, 3], password: 12 };
  return req;
}

function takesInput(route: RouteAccess): boolean {
  return route.validates.body || route.validates.params || route.validates.querystring;
}

describe('platform routes', () => {
  it('reports health with the database kind', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite' });
  });

  it('publishes OpenAPI 3 listing every API route, and Swagger UI', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    const documented = new Set<string>();
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(ops)) documented.add(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
    }
    const missing = apiRoutes()
      .filter((r) => r.url !== '/api/openapi.json')
      .map((r) => `${r.method} ${r.url}`)
      .filter((key) => !documented.has(key));
    expect(missing).toEqual([]);
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect([200, 302]).toContain(ui.statusCode);
  });

  it('answers unknown API paths with the error shape, in Chinese and in English', async () => {
    const zh = await t.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(zh.statusCode).toBe(404);
    expect(zh.json()).toEqual({ error: { code: 'ROUTE_NOT_FOUND', message: '接口不存在。' } });
    const en = await t.app.inject({ method: 'GET', url: '/api/no-such-thing', headers: { 'accept-language': 'en' } });
    expect(en.json().error.message).toBe('No such endpoint.');
  });

  it('rejects malformed JSON with a 400 in the documented shape, never a stack trace', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username": "x",' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.body).not.toMatch(/at .*\.ts:\d+|SyntaxError|node_modules/);
  });

  it('names every offending field, in Chinese by default', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 7 } });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.fields as { path: string; message: string }[];
    expect(fields.map((f) => f.path).sort()).toEqual(['body.password', 'body.username']);
    expect(fields.find((f) => f.path === 'body.password')!.message).toBe('此项为必填项。');
  });

  it('refuses a state change with the session cookie from another site (CSRF)', async () => {
    const cookie = cookies.get('admin')!;
    const payload = { centrePhone: '0319-6100001' };
    const forged = await t.app.inject({ method: 'PATCH', url: '/api/org/townships/130533100', headers: { cookie, origin: 'https://evil.example', host: 'localhost:3000' }, payload });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe('CSRF_REJECTED');
    const crossSite = await t.app.inject({ method: 'PATCH', url: '/api/org/townships/130533100', headers: { cookie, 'sec-fetch-site': 'cross-site' }, payload });
    expect(crossSite.statusCode).toBe(403);
    const sameSite = await t.app.inject({ method: 'PATCH', url: '/api/org/townships/130533100', headers: { cookie, origin: 'http://localhost:3000', host: 'localhost:3000', 'sec-fetch-site': 'same-origin' }, payload });
    expect(sameSite.statusCode).toBe(200);
  });

  it('sets security headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe(
      "default-src 'self';base-uri 'self';font-src 'self' data:;form-action 'self';frame-ancestors 'self';img-src 'self' data: blob:;" +
        "object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline';connect-src 'self'",
    );
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(res.headers['cross-origin-embedder-policy']).toBeUndefined();
    expect(res.headers['x-request-id']).toBeTruthy();
    // An error answer carries them too, and the API docs keep their own policy.
    const missing = await t.app.inject({ method: 'GET', url: '/api/nope' });
    expect(missing.headers['x-frame-options']).toBe('SAMEORIGIN');
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.headers['content-security-policy']).toContain('validator.swagger.io');
  });
});

describe('default deny: every route × every role and anonymous', () => {
  it('declares access on every API route', () => {
    const undeclared = apiRoutes().filter((r) => !r.access && r.url !== '/api/openapi.json');
    expect(undeclared).toEqual([]);
  });

  it('refuses each non-public route to anonymous callers (401) and to every role outside its permission (403)', async () => {
    const failures: string[] = [];
    let refusedSomewhere = 0;
    for (const route of apiRoutes()) {
      if (!route.access || 'public' in route.access) continue;
      const anon = await t.app.inject(badRequest(route));
      if (anon.statusCode !== 401) failures.push(`anonymous ${route.method} ${route.url} → ${anon.statusCode}`);
      else expect(anon.json().error.code).toBe('UNAUTHENTICATED');
      for (const role of ROLES) {
        const allowed = 'authenticated' in route.access || (PERMISSIONS[route.access.permission] as readonly Role[]).includes(role);
        const isSideEffect = !takesInput(route) && route.method !== 'GET';
        const cookie = isSideEffect ? await t.login(role) : cookies.get(role)!;
        const res = await t.app.inject({ ...badRequest(route), headers: { cookie } });
        if (allowed && (res.statusCode === 401 || res.statusCode === 403)) failures.push(`${role} ${route.method} ${route.url} refused (${res.statusCode})`);
        if (!allowed) {
          refusedSomewhere++;
          if (res.statusCode !== 403) failures.push(`${role} ${route.method} ${route.url} → ${res.statusCode}, expected 403`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(refusedSomewhere).toBeGreaterThan(0);
  });

  it('serves each public route to anonymous callers and to every role: never 401 or 403', async () => {
    const failures: string[] = [];
    let publicRoutes = 0;
    for (const route of apiRoutes()) {
      if (!route.access || !('public' in route.access)) continue;
      publicRoutes++;
      for (const caller of [null, ...ROLES]) {
        // A fresh address each time: the public routes' rate limits are not what this checks.
        const res = await t.app.inject({ ...badRequest(route), headers: caller ? { cookie: cookies.get(caller)! } : {}, remoteAddress: `10.1.${publicRoutes}.${ROLES.indexOf(caller as Role) + 2}` });
        if (res.statusCode === 401 || res.statusCode === 403) failures.push(`${caller ?? 'anonymous'} ${route.method} ${route.url} → ${res.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
    expect(publicRoutes).toBeGreaterThan(10);
  });

  it('refuses every permission-guarded route to at least one role', () => {
    for (const route of apiRoutes()) {
      if (route.access && 'permission' in route.access) {
        expect(ROLES.length - PERMISSIONS[route.access.permission].length, `${route.method} ${route.url}`).toBeGreaterThan(0);
      }
    }
  });
});

describe('bad input', () => {
  it('gets a 400 with fields in the documented shape on every route that takes input', async () => {
    const failures: string[] = [];
    for (const route of apiRoutes()) {
      if (!takesInput(route)) continue;
      const caller: Role | undefined =
        !route.access || 'public' in route.access ? undefined : 'authenticated' in route.access ? 'applicant' : PERMISSIONS[route.access.permission][0];
      const cookie = caller ? cookies.get(caller) : undefined;
      const res = await t.app.inject({ ...badRequest(route), headers: cookie ? { cookie } : {} });
      const body = res.json();
      const shapeOk = body?.error && typeof body.error.code === 'string' && typeof body.error.message === 'string' && Array.isArray(body.error.fields) && body.error.fields.length > 0;
      if (res.statusCode !== 400 || !shapeOk) failures.push(`${route.method} ${route.url} → ${res.statusCode} ${res.body.slice(0, 120)}`);
    }
    expect(failures).toEqual([]);
  });
});

/** Each of these once answered 500 or Fastify's own error shape; found by the API fuzzer (server/fuzz.test.ts). */
describe('inputs found by fuzzing', () => {
  function expectShape(res: { statusCode: number; headers: Record<string, unknown>; json(): unknown }, status: number, code: string) {
    expect(res.statusCode).toBe(status);
    expect(String(res.headers['content-type'])).toMatch(/^application\/json/);
    const body = res.json() as { error: { code: string; message: string; fields?: { path: string; message: string }[] } };
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error.code).toBe(code);
    return body.error;
  }

  it('answers an address with broken percent-encoding with 400 naming the address', async () => {
    for (const url of ['/api/cases/%C0%AE%C0%AE', '/api/public/items/%E0%A4%A/process', '/api/org/units/%ED%A0%80']) {
      const error = expectShape(await t.app.inject({ method: 'GET', url, headers: { cookie: cookies.get('admin')! } }), 400, 'VALIDATION_FAILED');
      expect(error.fields).toEqual([{ path: 'url', message: '地址中含有无效的字符编码。' }]);
    }
    const en = await t.app.inject({ method: 'GET', url: '/api/cases/%C0%AE', headers: { 'accept-language': 'en' } });
    expect(en.json().error.fields[0].message).toBe('The address contains an invalid character encoding.');
  });

  it('answers a path parameter over the router limit with 400 naming the parameters', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/registrations/${'x'.repeat(250)}`, headers: { cookie: cookies.get('admin')! } });
    expect(expectShape(res, 400, 'VALIDATION_FAILED').fields).toEqual([{ path: 'params', message: '地址中的参数过长。' }]);
  });

  it('answers a multipart body without a boundary or cut off before its end with 400 naming the file', async () => {
    const cookie = cookies.get('applicant')!;
    const part = '--XX\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 x\r\n';
    for (const [type, payload] of [
      ['multipart/form-data; boundary=XX', part],
      ['multipart/form-data', `${part}--XX--\r\n`],
      ['multipart/form-data; boundary=', `${part}--XX--\r\n`],
    ] as const) {
      const res = await t.app.inject({ method: 'POST', url: '/api/files', headers: { cookie, 'content-type': type }, payload });
      expect(expectShape(res, 400, 'VALIDATION_FAILED').fields![0]!.path).toBe('file');
    }
    const verify = await t.app.inject({ method: 'POST', url: '/api/public/certificates/verify', headers: { 'content-type': 'multipart/form-data; boundary=XX' }, payload: part, remoteAddress: '192.0.2.77' });
    expectShape(verify, 400, 'VALIDATION_FAILED');
  });

  it('refuses a NUL character anywhere in the input with the field named (PostgreSQL stores none, not even in jsonb)', async () => {
    const items = (await t.app.inject({ method: 'GET', url: '/api/public/items?limit=1' })).json() as { items: { id: string }[] };
    const applied = await t.app.inject({
      method: 'POST',
      url: '/api/my/applications',
      headers: { cookie: cookies.get('applicant')! },
      payload: { itemId: items.items[0]!.id, form: { 备注: '\t\r\n\u000b\fx\u0000y' }, materials: [], submit: true },
    });
    expect(expectShape(applied, 400, 'VALIDATION_FAILED').fields).toEqual([{ path: 'body.form.备注', message: '内容中含有不允许的空字符（NUL）。' }]);
    const inPath = await t.app.inject({ method: 'GET', url: '/api/public/items/%00' });
    expect(expectShape(inPath, 400, 'VALIDATION_FAILED').fields![0]!.path).toBe('params.code');
    const inQuery = await t.app.inject({ method: 'GET', url: '/api/public/items?q=a%00b' });
    expect(expectShape(inQuery, 400, 'VALIDATION_FAILED').fields![0]!.path).toBe('querystring.q');
  });

  it('takes a PATCH that changes nothing as no change, for units, windows and townships', async () => {
    const cookie = cookies.get('admin')!;
    const org = (await t.app.inject({ method: 'GET', url: '/api/org', headers: { cookie } })).json() as { sections: { id: string; name: string }[]; windows: { id: string }[] };
    const unit = await t.app.inject({ method: 'PATCH', url: `/api/org/units/${org.sections[0]!.id}`, headers: { cookie, 'content-type': 'application/json' }, payload: '{"a":1,"a":2}' });
    expect(unit.statusCode).toBe(200);
    expect(unit.json().name).toBe(org.sections[0]!.name);
    expect((await t.app.inject({ method: 'PATCH', url: `/api/org/windows/${org.windows[0]!.id}`, headers: { cookie }, payload: {} })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'PATCH', url: '/api/org/townships/130533100', headers: { cookie }, payload: {} })).statusCode).toBe(200);
  });
});
