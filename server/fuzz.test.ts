/**
 * API fuzzing (issue 6): requests generated from the OpenAPI document for every route — valid-looking values
 * from the JSON schemas and real identifiers the API has shown, then missing and extra fields, wrong types,
 * huge values, odd Unicode, injection strings, malformed bodies, wrong content types, bad headers and cookies —
 * sent anonymously and as every demo role. The run fails on a single 5xx, on any error answer that is not
 * `{"error":{"code","message","fields"?}}` in JSON, and if the server stops answering.
 *
 * FUZZ_SEED repeats a run (the seed is printed); FUZZ_REQUESTS sets the count (at least 10,000 by default).
 * `npm run fuzz` runs this file alone.
 */
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../common/id-number';
import { ROLES, type Role } from '../common/roles';
import { DEFAULT_DEMO_PASSWORD } from './config';
import type { RouteAccess } from './platform/authz/authz.plugin';
import { PERMISSIONS } from './platform/authz/policy';
import { ERROR_CODES } from './platform/http/errors';
import { composeCertificateNumber } from './modules/certificates/certificates.number';
import { buildTestApp, sessionCookie, type TestApp } from './test/app';
import {
  Dictionary,
  type JsonSchema,
  Random,
  type SampleContext,
  deeplyNested,
  deeplyNestedText,
  hostileString,
  hostileValue,
  hugeString,
  INJECTIONS,
  locations,
  objectsIn,
  ODD_UNICODE,
  sampleValid,
  wrongType,
} from './test/fuzz-values';

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const REQUESTS = process.env.FUZZ_REQUESTS ? Number(process.env.FUZZ_REQUESTS) : 10_000;
/**
 * Routes that cost far more than the rest by design: they hash a password (scrypt, tens of milliseconds on
 * purpose; a sign-out makes the fuzzer sign in again) or read or write the whole catalogue. They get a quarter
 * of the others' share, so that a run of 10,000 stays about a minute.
 */
const COSTLY = new Set([
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'POST /api/auth/password',
  'POST /api/auth/register',
  'POST /api/accounts',
  'POST /api/accounts/{id}/reset-password',
  'GET /api/catalog/export',
  'POST /api/catalog/import',
  'POST /api/catalog/items/{id}/materials/{materialId}/template',
]);

/** Requests sent at once. */
const IN_FLIGHT = 4;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Identity = Role | 'anonymous';

interface Parameter {
  name: string;
  in: 'path' | 'query';
  required?: boolean;
  schema: JsonSchema;
}

interface Operation {
  method: Method;
  /** OpenAPI path with {name} placeholders. */
  path: string;
  params: Parameter[];
  /** JSON body schema, when the route takes JSON. */
  jsonBody?: JsonSchema;
  /** The route takes an XML document (BPMN import). */
  xmlBody: boolean;
  /** The route takes multipart/form-data (uploads). */
  multipart: boolean;
  access: RouteAccess['access'];
}

/** How a request is made wrong (or not: valid). */
type Strategy =
  | 'valid'
  | 'missing-field'
  | 'extra-field'
  | 'wrong-type'
  | 'huge'
  | 'unicode'
  | 'injection'
  | 'malformed-body'
  | 'content-type'
  | 'headers'
  | 'path'
  | 'query';

const STRATEGY_WEIGHTS: readonly (readonly [number, Strategy])[] = [
  [28, 'valid'],
  [7, 'missing-field'],
  [7, 'extra-field'],
  [8, 'wrong-type'],
  [6, 'huge'],
  [8, 'unicode'],
  [8, 'injection'],
  [5, 'malformed-body'],
  [5, 'content-type'],
  [7, 'headers'],
  [6, 'path'],
  [5, 'query'],
];

let t: TestApp;
let doc: { paths: Record<string, Record<string, OpenApiOperation>>; components?: { schemas?: Record<string, JsonSchema> } };
const rnd = new Random(SEED);
const dict = new Dictionary();
const cookies = new Map<Role, string>();
let loginCount = 0;
let bpmnSample = '';

interface OpenApiOperation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  description?: string;
}

/** Signs a role in from an address of its own, so that the driver's sign-ins never meet the login rate limit. */
async function signIn(role: Role): Promise<string> {
  loginCount++;
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: role, password: DEFAULT_DEMO_PASSWORD },
    remoteAddress: `198.51.100.${loginCount % 250}`,
  });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${role} failed: ${res.statusCode} ${res.body}`);
  const cookie = sessionCookie(res);
  cookies.set(role, cookie);
  return cookie;
}

function resolveRef(ref: string): JsonSchema {
  const name = ref.replace('#/components/schemas/', '');
  const schema = doc.components?.schemas?.[name];
  if (!schema) throw new Error(`unresolved ${ref}`);
  return schema;
}

/** The resource a path segment list names at a position: the static segment before it ("cases" for {id}). */
function resourceBefore(path: string, placeholder?: string): string {
  const segments = path.split('/').filter(Boolean);
  const end = placeholder ? segments.indexOf(`{${placeholder}}`) : segments.length;
  for (let i = end - 1; i >= 0; i--) if (!segments[i]!.startsWith('{')) return segments[i]!;
  return '';
}

function contextFor(resource: string): SampleContext {
  return { rnd, dict, resolve: resolveRef, resource };
}

function operations(): Operation[] {
  const accessOf = new Map(t.app.routeAccess.map((r) => [`${r.method} ${r.url}`, r.access]));
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const content = op.requestBody?.content ?? {};
      out.push({
        method: method.toUpperCase() as Method,
        path,
        params: op.parameters ?? [],
        jsonBody: content['application/json']?.schema,
        xmlBody: 'application/xml' in content,
        multipart: /multipart\/form-data/.test(op.description ?? ''),
        access: accessOf.get(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Building one request.

/** Percent-encodes a path segment, including strings that encodeURIComponent refuses (lone surrogates). */
function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...Buffer.from(value, 'utf16le')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  }
}

/** Raw segments that stress URL decoding and routing themselves. */
const RAW_PATH_SEGMENTS = ['%', '%E0%A4%A', '%ED%A0%80', '%00', '..', '%2e%2e%2f%2e%2e%2fetc%2fpasswd', '%2F', 'a%20b', '~', 'x'.repeat(250), '%C0%AE%C0%AE', ';', '..%5c..%5c'];

function pathParamValue(op: Operation, param: Parameter, hostile: boolean): string {
  if (hostile && rnd.chance(0.3)) return rnd.pick(RAW_PATH_SEGMENTS);
  if (hostile) return encodeSegment(String(rnd.chance(0.5) ? hostileString(rnd).slice(0, 300) : wrongType('', rnd)));
  return encodeSegment(String(sampleValid(param.schema, contextFor(resourceBefore(op.path, param.name)), param.name)));
}

function buildUrl(op: Operation, strategy: Strategy): string {
  const hostilePath = strategy === 'path';
  const pathParams = op.params.filter((p) => p.in === 'path');
  const victim = hostilePath && pathParams.length > 0 ? rnd.pick(pathParams) : null;
  let url = op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const param = pathParams.find((p) => p.name === name)!;
    return pathParamValue(op, param, param === victim);
  });
  if (hostilePath && !victim) url += rnd.pick(['/', '//', '/..', '/%00', `/${encodeSegment(hostileString(rnd).slice(0, 100))}`]);
  const query: string[] = [];
  const hostileQuery = strategy === 'query' || (op.method === 'GET' && ['wrong-type', 'huge', 'unicode', 'injection', 'extra-field'].includes(strategy));
  const ctx = contextFor(resourceBefore(op.path));
  for (const p of op.params.filter((q) => q.in === 'query')) {
    if (!p.required && !rnd.chance(0.5)) continue;
    let value: string;
    if (hostileQuery && rnd.chance(0.5)) {
      value = rnd.weighted([
        [3, () => hostileString(rnd).slice(0, strategy === 'huge' ? 500_000 : 2_000)],
        [2, () => String(wrongType(sampleValid(p.schema, ctx, p.name), rnd))],
        [1, () => String(rnd.pick([1e308, -1, -0, 2 ** 64, 1.5, 'NaN', 'Infinity', '0x10', '1e3', ' 1 ', '']))],
      ] as const)();
    } else value = String(sampleValid(p.schema, ctx, p.name));
    query.push(`${encodeURIComponent(p.name)}=${encodeSegment(value)}`);
    // The same key twice makes an array of what the schema expects as one value.
    if (hostileQuery && rnd.chance(0.15)) query.push(`${encodeURIComponent(p.name)}=${encodeSegment(value)}`);
  }
  if (hostileQuery && rnd.chance(0.4)) {
    const key = rnd.pick(['__proto__[x]', 'constructor[prototype][x]', 'a[b][c]', 'unknown', '%', '', 'limit[]', encodeSegment(rnd.pick(ODD_UNICODE))]);
    query.push(`${key}=${encodeSegment(rnd.pick(INJECTIONS))}`);
  }
  if (query.length > 0) url += `?${query.join('&')}`;
  return url;
}

/** Mutates a valid JSON body according to the strategy. */
function mutateBody(body: unknown, strategy: Strategy): unknown {
  const spots = locations(body);
  const objects = objectsIn(body);
  switch (strategy) {
    case 'missing-field': {
      const withKeys = objects.filter((o) => Object.keys(o).length > 0);
      if (withKeys.length === 0) return rnd.pick([null, [], '', 0]);
      const target = rnd.pick(withKeys);
      const keys = Object.keys(target);
      for (let n = rnd.int(1, keys.length); n > 0; n--) delete target[rnd.pick(keys)];
      return body;
    }
    case 'extra-field': {
      const target = objects.length > 0 ? rnd.pick(objects) : null;
      if (!target) return { unexpected: hostileValue(rnd) };
      const key = rnd.pick(['__proto__', 'constructor', 'prototype', 'isAdmin', 'roles', 'id', 'regionCode', 'createdAt', 'version', '', '😀', 'a'.repeat(2000)]);
      if (key === '__proto__') Object.defineProperty(target, '__proto__', { value: { polluted: true, isAdmin: true }, enumerable: true, configurable: true, writable: true });
      else target[key] = rnd.chance(0.5) ? { prototype: { polluted: true } } : hostileValue(rnd);
      return body;
    }
    case 'wrong-type':
    case 'huge':
    case 'unicode':
    case 'injection': {
      const replace = (old: unknown): unknown => {
        if (strategy === 'wrong-type') return wrongType(old, rnd);
        if (strategy === 'unicode') return typeof old === 'string' || rnd.chance(0.7) ? rnd.pick(ODD_UNICODE) + (typeof old === 'string' ? old : '') : old;
        if (strategy === 'injection') return rnd.pick(INJECTIONS);
        if (typeof old === 'number') return rnd.pick([1e308, -1e308, 2 ** 53 + 1, -(2 ** 63), 2 ** 31, 1e21, 123456789012]);
        if (Array.isArray(old)) {
          // A big list of small entries (a copy of the first when it is small, so that entries look real).
          const first = JSON.stringify(old[0] ?? 'x');
          const entry = first.length <= 50 ? first : '"x"';
          return JSON.parse(`[${Array.from({ length: rnd.pick([1_000, 10_000, 50_000]) }, () => entry).join(',')}]`) as unknown[];
        }
        return rnd.chance(0.7) ? hugeString(rnd) : deeplyNested(rnd);
      };
      if (spots.length === 0) return replace(body);
      for (let n = strategy === 'huge' ? 1 : rnd.int(1, Math.min(3, spots.length)); n > 0; n--) {
        const spot = rnd.pick(spots);
        (spot.parent as Record<string | number, unknown>)[spot.key] = replace((spot.parent as Record<string | number, unknown>)[spot.key]);
      }
      return body;
    }
    case 'valid':
    case 'malformed-body':
    case 'content-type':
    case 'headers':
    case 'path':
    case 'query':
      return body;
  }
}

const BROKEN_JSON = ['{', '{"a":', '[1,2', '{"a":1}}', "{'a':1}", '{"a":undefined}', 'nul', '\u0000', '{"a":"\\ud800"}', '{"a":1,"a":2}', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}', '1e999999', '"\\u0000"', '{"a":01}', '[' .repeat(100_000), '{"a":"\u0000"}', '\ufeff{}', ''];

/** A minimal file of each kind the upload routes know, and some they do not. */
const FILES: { bytes: Buffer; type: string }[] = [
  { bytes: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'), type: 'application/pdf' },
  { bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), type: 'image/png' },
  { bytes: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]), type: 'image/jpeg' },
  { bytes: Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('word/document.xml')]), type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  { bytes: Buffer.from('<html><script>alert(1)</script></html>'), type: 'application/pdf' },
  { bytes: Buffer.from('%PDF-1.4 pretending'), type: 'image/png' },
  { bytes: Buffer.from('#!/bin/sh\nrm -rf /\n'), type: 'application/x-sh' },
  { bytes: Buffer.alloc(0), type: 'application/octet-stream' },
];

function multipartBody(): { payload: Buffer; contentType: string } {
  const boundary = `----fuzz${rnd.hex(12)}`;
  const file = rnd.pick(FILES);
  const fileName = rnd.weighted([
    [3, () => 'scan.pdf'],
    [3, () => rnd.pick(['../../../../etc/passwd', '..\\..\\boot.ini', '/tmp/x', 'a/../../b.pdf', '.', '..', 'con.pdf', 'x\u0000.pdf'])],
    [2, () => rnd.pick(ODD_UNICODE) + '.pdf'],
    [1, () => 'n'.repeat(5_000) + '.pdf'],
  ] as const)();
  const field = rnd.chance(0.85) ? 'file' : rnd.pick(['upload', '', 'file[]', '__proto__']);
  const parts: Buffer[] = [];
  const head = (name: string, extra = '') => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"${extra}\r\n`);
  if (rnd.chance(0.2)) parts.push(head('note'), Buffer.from('\r\n'), Buffer.from(hostileString(rnd).slice(0, 5_000)), Buffer.from('\r\n'));
  const copies = rnd.chance(0.1) ? 2 : 1;
  for (let i = 0; i < copies; i++) {
    parts.push(head(field, `; filename="${fileName.replace(/"/g, '%22')}"`), Buffer.from(`Content-Type: ${rnd.chance(0.8) ? file.type : rnd.pick(['text/html', 'image/svg+xml', 'application/octet-stream', ''])}\r\n\r\n`));
    parts.push(rnd.chance(0.05) ? Buffer.concat([file.bytes, Buffer.alloc(rnd.pick([100_000, 1_500_000]), 0x41)]) : file.bytes, Buffer.from('\r\n'));
  }
  if (!rnd.chance(0.1)) parts.push(Buffer.from(`--${boundary}--\r\n`)); // else: truncated, no closing boundary
  const contentType = rnd.chance(0.9) ? `multipart/form-data; boundary=${boundary}` : rnd.pick(['multipart/form-data', 'multipart/form-data; boundary=', `multipart/form-data; boundary="${boundary}x"`]);
  return { payload: Buffer.concat(parts), contentType };
}

function xmlBody(strategy: Strategy): string {
  if (strategy === 'valid' && bpmnSample) return bpmnSample;
  return rnd.pick([
    bpmnSample.slice(0, Math.floor(bpmnSample.length / 2)),
    bpmnSample.replace(/userTask/g, 'scriptTask'),
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><definitions>&xxe;</definitions>',
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><definitions>&lol3;</definitions>',
    '<a>'.repeat(20_000),
    '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p"><startEvent id="s"/></process></definitions>',
    'not xml at all',
    hostileString(rnd),
    '',
  ]);
}

interface Built {
  options: InjectOptions;
  identity: Identity;
  /** The identity's real session cookie was sent unchanged (a 401 then means the session ended). */
  realSession: boolean;
}

async function buildRequest(op: Operation, strategy: Strategy): Promise<Built> {
  // Guarded routes are mostly called by a role that holds the permission, so that fuzzing gets past authorization.
  const allowed: readonly Role[] = !op.access || 'public' in op.access ? [] : 'authenticated' in op.access ? ROLES : PERMISSIONS[op.access.permission];
  const identity: Identity = rnd.weighted([
    [2, 'anonymous' as Identity],
    [allowed.length > 0 ? 6 : 0, allowed.length > 0 ? rnd.pick(allowed) : 'anonymous'],
    [2, rnd.pick(ROLES)],
  ] as const);
  const headers: Record<string, string> = {};
  let realSession = false;
  if (identity !== 'anonymous') {
    headers.cookie = cookies.get(identity) ?? (await signIn(identity));
    realSession = true;
  }
  const options: InjectOptions = {
    method: op.method,
    url: buildUrl(op, strategy),
    headers,
    // Mostly a different address each time, as many clients; sometimes one address, so that limits are met too.
    remoteAddress: rnd.chance(0.85) ? `10.${rnd.int(0, 255)}.${rnd.int(0, 255)}.${rnd.int(1, 254)}` : '127.0.0.1',
  };
  if (rnd.chance(0.2)) headers['accept-language'] = rnd.pick(['en', 'en-US,en;q=0.9', 'zh-CN', 'fr', '*']);

  const hasBody = op.method !== 'GET' && op.method !== 'DELETE';
  if (hasBody) {
    if (op.multipart) {
      const { payload, contentType } = multipartBody();
      options.payload = payload;
      headers['content-type'] = contentType;
    } else if (op.xmlBody) {
      options.payload = xmlBody(strategy);
      headers['content-type'] = rnd.pick(['application/xml', 'text/xml', 'application/xml; charset=utf-8']);
    } else {
      const valid = op.jsonBody ? sampleValid(op.jsonBody, contextFor(resourceBefore(op.path))) : rnd.chance(0.5) ? {} : undefined;
      const body = mutateBody(valid, strategy);
      if (strategy === 'malformed-body') {
        options.payload = rnd.pick(BROKEN_JSON);
        headers['content-type'] = 'application/json';
      } else if (strategy === 'content-type') {
        options.payload = body === undefined ? 'x=1' : JSON.stringify(body);
        headers['content-type'] = rnd.pick([
          'text/plain',
          'application/x-www-form-urlencoded',
          'application/xml',
          'multipart/form-data; boundary=x',
          'application/json; charset=latin1',
          'application/json; charset=utf-16',
          'application/vnd.api+json',
          'application/jsonx',
          '',
          ';;;',
          'application/json, text/plain',
          rnd.pick(ODD_UNICODE).replace(/[^\x20-\x7e]/g, '?'),
        ]);
        if (headers['content-type'] === '') delete headers['content-type'];
      } else if (strategy === 'huge' && rnd.chance(0.1)) {
        options.payload = deeplyNestedText(rnd);
        headers['content-type'] = 'application/json';
      } else if (body !== undefined) {
        options.payload = JSON.stringify(body);
        headers['content-type'] = 'application/json';
      }
    }
  } else if (strategy === 'malformed-body' || strategy === 'content-type') {
    // A body where none belongs.
    options.payload = rnd.pick(BROKEN_JSON.slice(0, 6));
    headers['content-type'] = rnd.pick(['application/json', 'text/plain']);
  }

  if (strategy === 'headers') {
    realSession = false;
    const kind = rnd.int(0, 9);
    if (kind === 0) headers.cookie = `ow_sid=${rnd.pick([rnd.hex(64), '', 'x'.repeat(10_000), '%', '%E0%A4%A', '"quoted"', hostileString(rnd).replace(/[^\x20-\x7e]/g, '')])}`;
    else if (kind === 1) headers.cookie = `${headers.cookie ?? ''}; ow_sid=${rnd.hex(40)}; ow_sid=${rnd.hex(40)}; ow_lang=xx`;
    else if (kind === 2) headers.cookie = rnd.pick([';;;', '=', 'ow_sid', 'ow_sid==', 'a=b;'.repeat(2_000), '\t', 'ow_lang=en; ow_sid=' + '0'.repeat(64)]);
    else if (kind === 3) headers['accept-language'] = rnd.pick(['', ';q=', 'en;q=abc', 'zh;q=-1,en;q=2', 'x'.repeat(50_000), ',,,,', '*;q=0.5,zh;q=NaN', 'en;q=1e999', '\u00e9n']).replace(/[^\x20-\xff]/g, '');
    else if (kind === 4) headers['x-huge'] = 'h'.repeat(rnd.pick([8_000, 64_000, 200_000]));
    else if (kind === 5) headers.origin = rnd.pick(['https://evil.example', 'null', 'http://[', '://', 'http://localhost:80', 'file://']);
    else if (kind === 6) headers['sec-fetch-site'] = rnd.pick(['cross-site', 'none', 'same-site', 'bogus']);
    else if (kind === 7) headers['x-forwarded-for'] = rnd.pick(['1.2.3.4, 5.6.7.8', 'not-an-ip', '::1', '999.999.999.999', '']);
    else if (kind === 8) headers.accept = rnd.pick(['application/xml', 'text/html', '*/*;q=0', 'image/png']);
    else {
      headers.host = rnd.pick(['', 'evil.example', 'x'.repeat(5_000), 'localhost:99999']);
      if (!headers.host) delete headers.host;
    }
  }
  return { options, identity, realSession };
}

// ---------------------------------------------------------------------------------------------------------
// Judging one answer.

const KNOWN_CODES = new Set(Object.keys(ERROR_CODES));

/** Why an answer breaks the contract, or null when it keeps it. */
function violation(res: LightMyRequestResponse): string | null {
  if (res.statusCode >= 500) return `status ${res.statusCode}`;
  if (res.statusCode < 400) return null;
  const type = String(res.headers['content-type'] ?? '');
  if (!type.startsWith('application/json')) return `error with content-type "${type}"`;
  let body: unknown;
  try {
    body = JSON.parse(res.body);
  } catch {
    return 'error body is not JSON';
  }
  const error = (body as { error?: Record<string, unknown> } | null)?.error;
  if (!error || Object.keys(body as object).length !== 1) return 'error body is not {"error":…}';
  const keys = Object.keys(error);
  if (keys.some((k) => !['code', 'message', 'fields'].includes(k))) return `error has extra keys ${keys.join(',')}`;
  if (typeof error.code !== 'string' || !KNOWN_CODES.has(error.code)) return `unknown error code ${String(error.code)}`;
  if (typeof error.message !== 'string' || error.message.length === 0) return 'error without a message';
  if (ERROR_CODES[error.code as keyof typeof ERROR_CODES].status !== res.statusCode) return `${error.code} answered with status ${res.statusCode}`;
  if (error.fields !== undefined) {
    const fields = error.fields;
    if (!Array.isArray(fields) || fields.length === 0) return 'fields present but not a non-empty list';
    if (!fields.every((f: unknown) => typeof (f as { path?: unknown }).path === 'string' && typeof (f as { message?: unknown }).message === 'string' && (f as { message: string }).message.length > 0)) {
      return 'a field without path or message';
    }
  }
  if (error.code === 'VALIDATION_FAILED' && error.fields === undefined) return 'VALIDATION_FAILED without fields';
  if (/\bat .+\.(ts|js):\d+|node_modules|SyntaxError|TypeError|ReferenceError/.test(res.body)) return 'internal detail leaked';
  return null;
}

function errorCodeOf(res: LightMyRequestResponse): string | undefined {
  try {
    return (JSON.parse(res.body) as { error?: { code?: string } } | null)?.error?.code;
  } catch {
    return undefined;
  }
}

function describeRequest(index: number, strategy: Strategy, built: Built): string {
  const payload = built.options.payload;
  const text = Buffer.isBuffer(payload) ? `<${payload.length} bytes>` : typeof payload === 'string' ? payload : JSON.stringify(payload ?? '');
  const headers = Object.entries(built.options.headers ?? {})
    .filter(([k]) => k !== 'cookie' || built.identity === 'anonymous' || !built.realSession)
    .map(([k, v]) => `${k}: ${String(v).slice(0, 80)}`)
    .join('; ');
  return `#${index} [${strategy}] as ${built.identity}: ${built.options.method} ${String(built.options.url).slice(0, 200)} {${headers}} ${text.slice(0, 300)}`;
}

/** Collects the identifiers an answer shows, for later requests to use. */
function harvest(path: string, res: LightMyRequestResponse): void {
  if (res.statusCode >= 300 || !String(res.headers['content-type'] ?? '').startsWith('application/json')) return;
  try {
    dict.harvest(JSON.parse(res.body), resourceBefore(path));
  } catch {
    // not JSON after all; nothing to collect
  }
}

beforeAll(async () => {
  t = await buildTestApp();
  doc = t.app.swagger() as typeof doc;
  for (const role of ROLES) {
    await signIn(role);
    // The fuzzer's own accounts are never offered as targets: disabling or resetting them would end its sessions.
    const me = (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: cookies.get(role)! } })).json() as { account: { id: string } };
    dict.exclude(me.account.id);
  }
  // Values with rules a JSON schema cannot say (check characters, password strength): valid ones to offer.
  for (const body of ['13053319900101234', '13053319751231001', '11010519491231002']) dict.add('idNumber', body + idNumberCheckChar(body));
  for (const phone of ['13903190014', '13512345678', '18630912345']) dict.add('phone', phone);
  for (const password of ['Secret123', 'Fuzzing2026x']) dict.add('password', password);
  for (const code of ['91130533MA0CXKQ91T']) dict.add('uscc', code);
  for (const serial of [1, 2, 3]) dict.add('number', composeCertificateNumber('130533', 26, 'XK099', serial));
  // Real identifiers to start from: every list and lookup the API offers, read by roles that may.
  const ops = operations().filter((op) => op.method === 'GET');
  for (const pass of [0, 1]) {
    for (const op of ops) {
      if (pass === 0 && op.params.some((p) => p.in === 'path')) continue;
      const allowed = !op.access || 'public' in op.access || 'authenticated' in op.access ? (['admin', 'applicant'] as Role[]) : PERMISSIONS[op.access.permission];
      for (const role of allowed.slice(0, 3)) {
        const url = buildUrl(op, 'valid');
        const res = await t.app.inject({ method: 'GET', url, headers: { cookie: cookies.get(role)! } });
        harvest(op.path, res);
        if (op.path === '/api/processes/{key}/versions/{version}/bpmn' && res.statusCode === 200) bpmnSample = res.body;
      }
    }
  }
});
afterAll(() => t?.close());

describe(`API fuzzing (seed ${SEED}, ${REQUESTS} requests; repeat with FUZZ_SEED=${SEED})`, () => {
  it('answers every generated request without a 5xx, in the documented error shape, and stays up', { timeout: 600_000 }, async () => {
    console.log(`API fuzzing: FUZZ_SEED=${SEED} FUZZ_REQUESTS=${REQUESTS}`);
    const ops = operations();
    expect(ops.length).toBeGreaterThan(100);
    const cheap = ops.filter((op) => !COSTLY.has(`${op.method} ${op.path}`));
    const failures: string[] = [];
    const statusCounts = new Map<number, number>();
    const perStrategy = new Map<Strategy, { sent: number; passedValidation: number }>();
    const reached = new Set<string>();
    const timing = new Map<string, number>();
    const started = performance.now();
    let sent = 0;

    for (let first = 0; first < REQUESTS && failures.length < 50; first += IN_FLIGHT) {
      // A few requests are built in order from the seeded source, sent together (as concurrent clients would),
      // and judged in order, so that a seed gives the same run.
      const batch: { index: number; op: Operation; strategy: Strategy; built: Built }[] = [];
      for (let i = first; i < Math.min(first + IN_FLIGHT, REQUESTS); i++) {
        // Every route in turn, so that each gets its share (costly ones every fourth round, another route in
        // their place otherwise); the strategy and the caller are drawn.
        const round = Math.floor(i / ops.length);
        const scheduled = ops[i % ops.length]!;
        const op = COSTLY.has(`${scheduled.method} ${scheduled.path}`) && round % 4 !== 0 ? rnd.pick(cheap) : scheduled;
        const strategy = rnd.weighted(STRATEGY_WEIGHTS);
        batch.push({ index: i, op, strategy, built: await buildRequest(op, strategy) });
      }
      const answers = await Promise.allSettled(
        batch.map(async ({ op, built }) => {
          const t0 = performance.now();
          const res = await t.app.inject(built.options);
          const key = `${op.method} ${op.path}`;
          timing.set(key, (timing.get(key) ?? 0) + performance.now() - t0);
          return res;
        }),
      );
      for (const [n, { index, op, strategy, built }] of batch.entries()) {
        const answer = answers[n]!;
        if (answer.status === 'rejected') {
          failures.push(`${describeRequest(index, strategy, built)} → threw ${(answer.reason as Error).message}`);
          continue;
        }
        const res = answer.value;
        sent++;
        statusCounts.set(res.statusCode, (statusCounts.get(res.statusCode) ?? 0) + 1);
        const stats = perStrategy.get(strategy) ?? { sent: 0, passedValidation: 0 };
        stats.sent++;
        const code = res.statusCode >= 400 ? errorCodeOf(res) : undefined;
        if (res.statusCode < 400 || (code !== 'VALIDATION_FAILED' && code !== 'UNAUTHENTICATED' && code !== 'FORBIDDEN' && code !== 'ROUTE_NOT_FOUND')) {
          stats.passedValidation++;
          reached.add(`${op.method} ${op.path}`);
        }
        perStrategy.set(strategy, stats);
        const problem = violation(res);
        if (problem) failures.push(`${describeRequest(index, strategy, built)} → ${problem}: ${res.body.slice(0, 300)}`);
        harvest(op.path, res);
        // A session the fuzz ended (sign-out) is replaced with a fresh one.
        const ended = (res.statusCode === 401 && (code === 'UNAUTHENTICATED' || code === 'SESSION_EXPIRED')) || (op.path === '/api/auth/logout' && res.statusCode === 200);
        if (built.realSession && built.identity !== 'anonymous' && ended) cookies.delete(built.identity);
      }
    }

    const seconds = (performance.now() - started) / 1000;
    const byClass = [...statusCounts.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}:${n}`).join(' ');
    const unreached = ops.filter((op) => !reached.has(`${op.method} ${op.path}`)).map((op) => `${op.method} ${op.path}`).join(', ');
    const slowest = [...timing.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ');
    const strategies = [...perStrategy.entries()].map(([s, v]) => `${s} ${v.sent} (${v.passedValidation} past validation)`).join(', ');
    console.log(
      `API fuzzing: ${sent} requests over ${ops.length} operations in ${seconds.toFixed(1)} s (${Math.round(sent / seconds)}/s), ` +
        `${loginCount} sign-ins, ${dict.size} dictionary keys; statuses ${byClass}; ${reached.size} operations reached a handler (not: ${unreached || 'none'}); ${strategies}; most time: ${slowest}`,
    );
    expect(failures, `seed ${SEED}`).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(REQUESTS);

    // Still standing: health answers and a sign-in works.
    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json().status).toBe('ok');
    await signIn('clerk');

    // The generator reaches past validation and authorization on most routes (else it would fuzz only the edge).
    expect(reached.size / ops.length).toBeGreaterThan(0.8);
  });
});
