/**
 * Shows the server's field errors next to the fields of an antd form: `body.materials.2.name` becomes the
 * name path ['materials', 2, 'name']. Errors for fields the form does not have are returned for display
 * elsewhere (an Alert above the form).
 */
import type { FormInstance } from 'antd';
import { ApiError, type ApiFieldError } from '../api/client';

export type NamePath = (string | number)[];

/** `body.materials.2.name` → ['materials', 2, 'name']; `file` → ['file']. */
export function toNamePath(path: string): NamePath {
  const segments = path.split('.').filter(Boolean);
  if (segments[0] === 'body' || segments[0] === 'querystring' || segments[0] === 'params') segments.shift();
  return segments.map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function sameOrInside(path: NamePath, field: NamePath): boolean {
  return field.length <= path.length && field.every((segment, i) => segment === path[i]);
}

/**
 * Puts each field error on the deepest registered field that contains it. `rename` maps a server field name
 * to the form's (e.g. `password` → `initialPassword`).
 */
export function applyFieldErrors(form: FormInstance, error: unknown, rename: Record<string, string> = {}): ApiFieldError[] {
  if (!(error instanceof ApiError) || error.fields.length === 0) return [];
  const registered = form.getFieldsError().map((f) => f.name as NamePath);
  const byField = new Map<string, { name: NamePath; errors: string[] }>();
  const unmatched: ApiFieldError[] = [];
  for (const fieldError of error.fields) {
    const path = toNamePath(fieldError.path);
    const first = path[0];
    if (typeof first === 'string' && rename[first]) path[0] = rename[first];
    const target = registered.filter((name) => sameOrInside(path, name)).sort((a, b) => b.length - a.length)[0];
    if (!target) {
      unmatched.push(fieldError);
      continue;
    }
    const key = JSON.stringify(target);
    const entry = byField.get(key) ?? { name: target, errors: [] };
    entry.errors.push(fieldError.message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()]);
  const firstField = [...byField.values()][0];
  if (firstField) form.scrollToField(firstField.name, { block: 'center' });
  return unmatched;
}
