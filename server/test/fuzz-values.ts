/**
 * Values for the API fuzzer: a seeded random source, valid-looking values derived from JSON schemas (the
 * OpenAPI document's), and the hostile ones — wrong types, huge sizes, odd Unicode, injection strings.
 * Everything is drawn from one Random, so a run is repeated by its seed.
 */

/** A seeded pseudo-random source (sfc32 seeded through splitmix32). */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const split = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = split();
    this.b = split();
    this.c = split();
    this.d = split();
  }

  /** A float in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from nothing');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks by weight: [[weight, value], …]. */
  weighted<T>(entries: readonly (readonly [number, T])[]): T {
    const total = entries.reduce((sum, [w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [w, v] of entries) {
      r -= w;
      if (r < 0) return v;
    }
    return entries[entries.length - 1]![1];
  }

  hex(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += '0123456789abcdef'[this.int(0, 15)];
    return out;
  }

  uuid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[this.int(0, 3)]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Strings that match a regular expression (the subset JSON schemas from zod use: classes, groups,
// alternation, quantifiers, escapes, anchors).

type RegexNode = { kind: 'chars'; chars: string[] } | { kind: 'group'; options: RegexSeq[] };
interface RegexPiece {
  node: RegexNode;
  min: number;
  max: number;
}
type RegexSeq = RegexPiece[];

const DIGITS = [...'0123456789'];
const WORD = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_'];
const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));

function parseRegex(source: string): RegexSeq[] {
  let pos = 0;
  const peek = () => source[pos];

  function escapeChars(c: string): string[] {
    switch (c) {
      case 'd':
        return DIGITS;
      case 'w':
        return WORD;
      case 's':
        return [' '];
      case 'D':
      case 'W':
      case 'S':
        return ['-'];
      default:
        return [c];
    }
  }

  function parseClass(): string[] {
    // after '['
    let negate = false;
    if (peek() === '^') {
      negate = true;
      pos++;
    }
    const set: string[] = [];
    let first = true;
    while (pos < source.length && (peek() !== ']' || first)) {
      first = false;
      let c = source[pos++]!;
      let chars: string[];
      if (c === '\\') {
        chars = escapeChars(source[pos++]!);
        c = chars.length === 1 ? chars[0]! : '';
      } else chars = [c];
      if (c && peek() === '-' && source[pos + 1] !== ']' && pos + 1 < source.length) {
        pos++;
        let end = source[pos++]!;
        if (end === '\\') end = source[pos++]!;
        for (let code = c.charCodeAt(0); code <= end.charCodeAt(0); code++) set.push(String.fromCharCode(code));
      } else set.push(...chars);
    }
    pos++; // ']'
    return negate ? PRINTABLE.filter((ch) => !set.includes(ch)) : set;
  }

  function parseAlternation(): RegexSeq[] {
    const options: RegexSeq[] = [parseSequence()];
    while (peek() === '|') {
      pos++;
      options.push(parseSequence());
    }
    return options;
  }

  function parseSequence(): RegexSeq {
    const seq: RegexSeq = [];
    while (pos < source.length && peek() !== '|' && peek() !== ')') {
      const c = source[pos++]!;
      let node: RegexNode;
      if (c === '^' || c === '$') continue;
      if (c === '(') {
        if (peek() === '?') pos += 2; // (?: … )
        node = { kind: 'group', options: parseAlternation() };
        pos++; // ')'
      } else if (c === '[') node = { kind: 'chars', chars: parseClass() };
      else if (c === '\\') node = { kind: 'chars', chars: escapeChars(source[pos++]!) };
      else if (c === '.') node = { kind: 'chars', chars: WORD };
      else node = { kind: 'chars', chars: [c] };
      let min = 1;
      let max = 1;
      const q = peek();
      if (q === '?' || q === '*' || q === '+') {
        pos++;
        [min, max] = q === '?' ? [0, 1] : q === '*' ? [0, 4] : [1, 5];
      } else if (q === '{') {
        const close = source.indexOf('}', pos);
        const [lo, hi] = source.slice(pos + 1, close).split(',');
        min = Number(lo);
        max = hi === undefined ? min : hi === '' ? min + 4 : Number(hi);
        pos = close + 1;
      }
      seq.push({ node, min, max });
    }
    return seq;
  }

  return parseAlternation();
}

const regexCache = new Map<string, RegexSeq[]>();

/** A string matching `pattern` (within the supported subset), drawn from `rnd`. */
export function sampleRegex(pattern: string, rnd: Random): string {
  let parsed = regexCache.get(pattern);
  if (!parsed) {
    parsed = parseRegex(pattern);
    regexCache.set(pattern, parsed);
  }
  const emit = (options: RegexSeq[]): string => {
    const seq = rnd.pick(options);
    let out = '';
    for (const piece of seq) {
      const times = rnd.int(piece.min, Math.min(piece.max, piece.min + 6));
      for (let i = 0; i < times; i++) out += piece.node.kind === 'chars' ? rnd.pick(piece.node.chars) : emit(piece.node.options);
    }
    return out;
  };
  return emit(parsed);
}

// ---------------------------------------------------------------------------------------------------------
// Valid-looking values from JSON schemas.

export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
};

/** Values seen in the API's own answers and given ones, by key ("cases.id", "number", …). */
export class Dictionary {
  private readonly values = new Map<string, unknown[]>();
  private readonly excluded = new Set<unknown>();

  /** Values that must never be offered (the fuzzer's own accounts, so that it does not lock itself out). */
  exclude(value: unknown): void {
    this.excluded.add(value);
  }

  add(key: string, value: unknown): void {
    if (this.excluded.has(value)) return;
    let list = this.values.get(key);
    if (!list) this.values.set(key, (list = []));
    if (list.length < 300 && !list.includes(value)) list.push(value);
  }

  get(...keys: string[]): unknown[] {
    const out: unknown[] = [];
    for (const k of keys) out.push(...(this.values.get(k) ?? []));
    return out;
  }

  get size(): number {
    return this.values.size;
  }

  /** Collects identifiers and codes from a JSON answer; `resource` names what the top-level objects are. */
  harvest(body: unknown, resource: string): void {
    const walk = (value: unknown, container: string, depth: number) => {
      if (depth > 8 || value === null || typeof value !== 'object') return;
      if (Array.isArray(value)) {
        for (const v of value.slice(0, 50)) walk(v, container, depth + 1);
        return;
      }
      for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
        if ((typeof v === 'string' && v.length <= 80) || (typeof v === 'number' && Number.isInteger(v))) {
          if (HARVESTED_KEY.test(key)) {
            this.add(`${container}.${key}`, v);
            this.add(key, v);
          }
        } else if (key === 'items') walk(v, container, depth + 1);
        else walk(v, key, depth + 1);
      }
    };
    walk(body, resource, 0);
  }
}

const HARVESTED_KEY = /^(id|[a-z]+Id|number|code|[a-z]+Code|sha256|[a-z]+Sha256|key|version|uscc|token|kind|year|date|name|idNumber|phone)$/;

export interface SampleContext {
  rnd: Random;
  dict: Dictionary;
  resolve(ref: string): JsonSchema;
  /** The resource a path's last static segment names ("cases"), for `id` lookups. */
  resource: string;
}

const WORDS = ['威县', '洺州镇', '张明', '食品经营', '申请', 'alpha', 'beta', '测试', '营业执照', '123', 'note', '好味食品店', '材料'];

function merged(schema: JsonSchema, ctx: SampleContext): JsonSchema {
  if (schema.$ref) return merged(ctx.resolve(schema.$ref), ctx);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s) => merged(s, ctx))) as JsonSchema;
  return schema;
}

/** A value the schema accepts (as far as a JSON schema can say), preferring values the API has shown. */
export function sampleValid(input: JsonSchema, ctx: SampleContext, name = '', depth = 0): unknown {
  const { rnd } = ctx;
  const schema = merged(input, ctx);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return rnd.pick(schema.enum);
  const union = schema.anyOf ?? schema.oneOf;
  if (union) {
    const nonNull = union.filter((s) => merged(s, ctx).type !== 'null');
    return sampleValid(rnd.chance(0.9) && nonNull.length > 0 ? rnd.pick(nonNull) : rnd.pick(union), ctx, name, depth);
  }
  const type = Array.isArray(schema.type) ? rnd.pick(schema.type.filter((t) => t !== 'null').length ? schema.type.filter((t) => t !== 'null') : schema.type) : schema.type;
  const known = knownValues(name, ctx).filter((v) => (type === 'integer' || type === 'number' ? typeof v === 'number' : typeof v === 'string'));
  switch (type) {
    case 'string': {
      if (known.length > 0 && rnd.chance(0.85)) return rnd.pick(known);
      if (schema.format === 'uuid') return rnd.uuid();
      if (schema.format === 'email') return `user${rnd.int(1, 999)}@example.com`;
      if (schema.format === 'date-time') return new Date(Date.UTC(2026, rnd.int(0, 11), rnd.int(1, 28), rnd.int(0, 23))).toISOString();
      if (schema.format === 'date') return `2026-${String(rnd.int(1, 12)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`;
      if (schema.pattern) return sampleRegex(schema.pattern, rnd);
      const min = schema.minLength ?? 0;
      const max = Math.min(schema.maxLength ?? 40, Math.max(min, 40));
      let text = '';
      while (text.length < min || (text.length < max && rnd.chance(0.5))) text += rnd.pick(WORDS);
      return text.slice(0, max);
    }
    case 'integer':
    case 'number': {
      if (known.length > 0 && rnd.chance(0.7)) return rnd.pick(known);
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 0);
      const max = Math.min(schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : min + 100), min + 1000);
      const n = rnd.int(Math.ceil(min), Math.floor(max));
      return type === 'number' && rnd.chance(0.2) ? n + 0.5 : n;
    }
    case 'boolean':
      return rnd.chance(0.5);
    case 'null':
      return null;
    case 'array': {
      if (depth > 6) return [];
      const min = schema.minItems ?? 0;
      const max = Math.min(schema.maxItems ?? 3, min + 3);
      const length = rnd.int(min, Math.max(min, max));
      return Array.from({ length }, () => (schema.items ? sampleValid(schema.items, ctx, singular(name), depth + 1) : rnd.pick(WORDS)));
    }
    case 'object':
    case undefined:
    default: {
      if (depth > 6) return {};
      const out: Record<string, unknown> = {};
      const required = new Set(schema.required ?? []);
      for (const [key, prop] of Object.entries(schema.properties ?? {})) {
        if (required.has(key) || rnd.chance(0.6)) out[key] = sampleValid(prop, ctx, key, depth + 1);
      }
      if (typeof schema.additionalProperties === 'object' && rnd.chance(0.5)) {
        for (let i = rnd.int(0, 3); i > 0; i--) out[rnd.pick(['field', '备注', 'amount', 'scope'])] = sampleValid(schema.additionalProperties, ctx, '', depth + 1);
      }
      return out;
    }
  }
}

function singular(name: string): string {
  return name.endsWith('s') ? name.slice(0, -1) : name;
}

/**
 * What the API has shown under a key, the most specific first: the resource's own ("certificates.number"),
 * then what the name refers to ("itemId": the id of an "items" record), then the name anywhere.
 */
function knownValues(name: string, ctx: SampleContext): unknown[] {
  if (!name) return [];
  if (name === 'id') return ctx.dict.get(`${ctx.resource}.id`);
  const own = ctx.dict.get(`${ctx.resource}.${name}`);
  if (own.length > 0) return own;
  const ref = /^([a-z]+)Id$/.exec(name);
  const referred = ref ? ctx.dict.get(`${ref[1]}s.id`, `${ref[1]}.id`) : [];
  return referred.length > 0 ? referred : ctx.dict.get(name);
}

// ---------------------------------------------------------------------------------------------------------
// Hostile values.

/** Strings with characters that break naive code: lone surrogates, NUL, direction marks, combining marks. */
export const ODD_UNICODE = [
  '\ud800',
  'a\udfffb',
  '\udc00\ud800',
  'x\u0000y',
  '\u0000',
  '\u202e\u0645\u0631\u062d\u0628\u0627\u202c',
  '\u200f\u200e\u2066abc\u2069',
  '\ufeff',
  '\ufffe\uffff',
  '😀👨‍👩‍👧‍👦🏳️‍🌈',
  'Z\u0351\u0364\u0334\u0322\u0489a\u0300\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308\u0309l\u0336g\u0337o',
  '\u0085\u2028\u2029',
  '𠀀𪛖𰀀',
  '\u1160\u3164',
  '\t\r\n\v\f',
  ' ',
  '',
  '\u00ad\u034f',
];

/** Payloads aimed at SQL, paths, markup, templates and JavaScript prototypes. */
export const INJECTIONS = [
  "' OR '1'='1",
  "'; DROP TABLE cases; --",
  '" OR ""="',
  '1; SELECT pg_sleep(0)',
  "admin'--",
  '%27%20OR%201%3D1',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '/etc/passwd\u0000.pdf',
  '....//....//',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{7*7}}${7*7}<%= 7*7 %>',
  '__proto__',
  'constructor',
  'prototype',
  '$where',
  '{"$gt":""}',
  '\\u0000',
  '%00',
  '%s%s%s%n',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  'null',
  'undefined',
  'true',
];

export function hugeString(rnd: Random): string {
  const unit = rnd.pick(['a', '汉', '😀', '\u0301', "'", '%', '<']);
  return unit.repeat(rnd.pick([1_000, 10_000, 100_000, 400_000]));
}

export const BIG_NUMBERS = [1e308, -1e308, 2 ** 53 + 1, -(2 ** 63), 2 ** 31, -(2 ** 31) - 1, 1e-320, 0.1 + 0.2, -0, 1e20];

/** A JSON value nested `depth` levels deep (arrays or objects). */
export function deeplyNested(rnd: Random): unknown {
  const depth = rnd.pick([64, 500, 1_500]);
  let v: unknown = rnd.pick(['x', 1, null]);
  const asArray = rnd.chance(0.5);
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { a: v };
  return v;
}

/** A JSON text nested far deeper than any value can be built and serialised in a test (50,000 levels). */
export function deeplyNestedText(rnd: Random): string {
  const depth = 50_000;
  return rnd.chance(0.5) ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** A value of a different type than `value`. */
export function wrongType(value: unknown, rnd: Random): unknown {
  const options: unknown[] = [
    42,
    -1,
    3.5,
    true,
    false,
    null,
    'text',
    '',
    [],
    [1, 'two', null],
    {},
    { nested: { x: 1 } },
    '2026-13-45',
    '00000000-0000-0000-0000-000000000000',
    'not-a-uuid',
  ];
  const different = options.filter((o) => typeof o !== typeof value || Array.isArray(o) !== Array.isArray(value) || (o === null) !== (value === null));
  return rnd.pick(different);
}

/** A hostile string of some kind. */
export function hostileString(rnd: Random): string {
  return rnd.weighted([
    [3, () => rnd.pick(ODD_UNICODE)],
    [3, () => rnd.pick(INJECTIONS)],
    [1, () => hugeString(rnd)],
    [1, () => rnd.pick(ODD_UNICODE) + rnd.pick(INJECTIONS) + rnd.pick(WORDS)],
  ] as const)();
}

/** A hostile value of any type (for a field whose type is being broken). */
export function hostileValue(rnd: Random): unknown {
  return rnd.weighted([
    [4, () => hostileString(rnd)],
    [2, () => rnd.pick(BIG_NUMBERS)],
    [1, () => deeplyNested(rnd)],
    [1, () => Array.from({ length: rnd.pick([1_000, 20_000]) }, (_, i) => (rnd.chance(0.5) ? i : 'x'))],
    [2, () => wrongType(undefined, rnd)],
  ] as const)();
}

/** Every (parent, key) location inside a JSON value, for picking one to mutate. */
export function locations(value: unknown, depth = 0): { parent: Record<string, unknown> | unknown[]; key: string | number }[] {
  if (depth > 8 || value === null || typeof value !== 'object') return [];
  const out: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push({ parent: value, key: i });
      out.push(...locations(v, depth + 1));
    });
  } else {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out.push({ parent: value as Record<string, unknown>, key: k });
      out.push(...locations(v, depth + 1));
    }
  }
  return out;
}

/** The objects inside a JSON value (where fields can be added or removed). */
export function objectsIn(value: unknown, depth = 0): Record<string, unknown>[] {
  if (depth > 8 || value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((v) => objectsIn(v, depth + 1));
  return [value as Record<string, unknown>, ...Object.values(value as Record<string, unknown>).flatMap((v) => objectsIn(v, depth + 1))];
}
