import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { AppError, FIELD_MESSAGES, type FieldError, type FieldMessageKey, type Locale, interpolate } from './errors';

type Issue = z.core.$ZodIssue;

const TYPE_NAMES: Record<string, { zh: string; en: string }> = {
  string: { zh: '文本', en: 'text' },
  number: { zh: '数字', en: 'a number' },
  int: { zh: '整数', en: 'an integer' },
  boolean: { zh: '是/否', en: 'true or false' },
  object: { zh: '对象', en: 'an object' },
  array: { zh: '列表', en: 'a list' },
  date: { zh: '日期', en: 'a date' },
};

function typeName(expected: string, locale: Locale): string {
  return TYPE_NAMES[expected]?.[locale] ?? expected;
}

const FORMAT_NAMES: Record<string, { zh: string; en: string }> = {
  email: { zh: '电子邮箱', en: 'e-mail address' },
  uuid: { zh: 'UUID', en: 'UUID' },
  url: { zh: '网址', en: 'URL' },
  date: { zh: '日期（YYYY-MM-DD）', en: 'date (YYYY-MM-DD)' },
  datetime: { zh: '日期时间（ISO 8601）', en: 'date-time (ISO 8601)' },
};

/** Renders one zod issue as a message in the caller's language. */
export function describeZodIssue(issue: Issue, locale: Locale): string {
  const zh = locale === 'zh';
  switch (issue.code) {
    case 'invalid_type': {
      if (/received undefined/.test(issue.message)) return FIELD_MESSAGES.REQUIRED[locale];
      return zh ? `类型错误，应为${typeName(issue.expected, locale)}。` : `Wrong type; expected ${typeName(issue.expected, locale)}.`;
    }
    case 'too_small': {
      const n = Number(issue.minimum);
      if (issue.origin === 'string') {
        return n <= 1 ? FIELD_MESSAGES.REQUIRED[locale] : zh ? `至少需要${n}个字符。` : `At least ${n} characters.`;
      }
      if (issue.origin === 'array' || issue.origin === 'set') return zh ? `至少需要${n}项。` : `At least ${n} entries.`;
      return zh ? `不能小于${n}。` : `Must be at least ${n}.`;
    }
    case 'too_big': {
      const n = Number(issue.maximum);
      if (issue.origin === 'string') return zh ? `不能超过${n}个字符。` : `At most ${n} characters.`;
      if (issue.origin === 'array' || issue.origin === 'set') return zh ? `不能超过${n}项。` : `At most ${n} entries.`;
      return zh ? `不能大于${n}。` : `Must be at most ${n}.`;
    }
    case 'invalid_format': {
      const name = FORMAT_NAMES[issue.format];
      if (name) return zh ? `格式不正确，应为${name.zh}。` : `Invalid format; expected ${name.en}.`;
      return zh ? '格式不正确。' : 'Invalid format.';
    }
    case 'invalid_value': {
      const values = issue.values.map((v) => String(v)).join(zh ? '、' : ', ');
      return zh ? `取值无效，可选值：${values}。` : `Invalid value; allowed: ${values}.`;
    }
    case 'not_multiple_of':
      return zh ? `必须是${String(issue.divisor)}的倍数。` : `Must be a multiple of ${String(issue.divisor)}.`;
    case 'unrecognized_keys':
      return zh ? `不允许的字段：${issue.keys.join('、')}。` : `Unknown fields: ${issue.keys.join(', ')}.`;
    case 'invalid_key':
    case 'invalid_element':
      return zh ? '包含无效的键或元素。' : 'Contains an invalid key or element.';
    case 'invalid_union':
      return zh ? '内容不符合任何允许的格式。' : 'Does not match any allowed form.';
    case 'custom': {
      const params = (issue.params ?? {}) as { key?: string; values?: Record<string, string | number> };
      if (params.key && params.key in FIELD_MESSAGES) {
        return interpolate(FIELD_MESSAGES[params.key as FieldMessageKey][locale], params.values ?? {});
      }
      return issue.message;
    }
  }
  // Issues rebuilt from other validators may carry codes zod does not list.
  return zh ? '内容无效。' : 'Invalid value.';
}

/** Joins a zod path into the dotted form the client sees ("materials.2.name"). */
export function issuePath(prefix: string | undefined, path: readonly PropertyKey[]): string {
  const inner = path.map((p) => String(p)).join('.');
  if (!prefix) return inner;
  return inner ? `${prefix}.${inner}` : prefix;
}

export function zodIssuesToFields(issues: readonly Issue[], locale: Locale, prefix?: string): FieldError[] {
  return issues.map((issue) => ({ path: issuePath(prefix, issue.path), message: describeZodIssue(issue, locale) }));
}

/** Where in a parsed request value a string holds a NUL character, as a dotted path; null when none does. */
export function findNulCharacter(value: unknown, prefix: string): string | null {
  // Iterative, so that a deeply nested body cannot exhaust the stack.
  const stack: { value: unknown; path: string }[] = [{ value, path: prefix }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return path;
    } else if (current !== null && typeof current === 'object') {
      for (const [key, inner] of Object.entries(current as Record<string, unknown>)) {
        if (key.includes('\u0000')) return path;
        stack.push({ value: inner, path: `${path}.${key}` });
      }
    }
  }
  return null;
}

/**
 * PostgreSQL stores no NUL character, neither in text nor in jsonb; a request carrying one anywhere (a field, a
 * key, a query or path parameter) is refused with the field named, before it can reach the database.
 */
export function installNulCheck(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const [part, value] of [['params', request.params], ['querystring', request.query], ['body', request.body]] as const) {
      const path = findNulCharacter(value, part);
      if (path) throw new AppError('VALIDATION_FAILED', { fields: [{ path, key: 'NUL_CHARACTER' }] });
    }
  });
}
