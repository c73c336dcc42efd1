/**
 * Masking of personal information (个人信息保护法): roles that do not need a full ID number or phone
 * see only enough to recognise it.
 */

/** 130533199001011234 → 1305**********1234 */
export function maskIdNumber(value: string | null | undefined): string | null {
  if (!value) return value ?? null;
  if (value.length <= 8) return '*'.repeat(value.length);
  return value.slice(0, 4) + '*'.repeat(value.length - 8) + value.slice(-4);
}

/** 13812345678 → 138****5678; a landline 0319-6128001 → 0319-***8001 */
export function maskPhone(value: string | null | undefined): string | null {
  if (!value) return value ?? null;
  const landline = /^(0\d{2,3}-)(\d+)$/.exec(value);
  if (landline) return landline[1]! + '*'.repeat(Math.max(0, landline[2]!.length - 4)) + landline[2]!.slice(-4);
  if (value.length < 7) return '*'.repeat(value.length);
  return value.slice(0, 3) + '*'.repeat(value.length - 7) + value.slice(-4);
}

/** 张三丰 → 张** ; single characters stay. */
export function maskName(value: string | null | undefined): string | null {
  if (!value) return value ?? null;
  const chars = [...value];
  if (chars.length <= 1) return value;
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** A credit code is public by law (企业信息公示); only a person's ID number is masked. */
export function maskSubjectNumber(value: string | null | undefined, kind: 'person' | 'enterprise'): string | null {
  return kind === 'person' ? maskIdNumber(value) : (value ?? null);
}
