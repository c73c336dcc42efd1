/**
 * Unified Social Credit Code (统一社会信用代码) per GB 32100-2015, with the embedded organisation code
 * per GB 11714-1997.
 *
 *   position 1      registration-authority code (登记管理部门代码)
 *   position 2      entity-category code (机构类别代码)
 *   positions 3-8   administrative division code (登记管理机关行政区划码)
 *   positions 9-17  organisation code body, 8 characters + GB 11714 check character (主体标识码)
 *   position 18     check character over the first 17 (校验码)
 */

/** The 31 characters a credit code may contain: digits and capitals without I, O, S, V, Z. */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** Registration authorities and the entity categories each may register (GB 32100-2015 Table 1). */
export const USCC_AUTHORITIES: Record<string, { name: string; categories: Record<string, string> }> = {
  '1': { name: '机构编制', categories: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' } },
  '2': { name: '外交', categories: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': {
    name: '司法行政',
    categories: { '1': '律师执业机构', '2': '公证处', '3': '基层法律服务所', '4': '司法鉴定机构', '5': '仲裁委员会', '9': '其他' },
  },
  '4': { name: '文化', categories: { '1': '外国在华文化中心', '9': '其他' } },
  '5': { name: '民政', categories: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
  '6': { name: '旅游', categories: { '1': '外国旅游部门常驻代表机构', '2': '港澳台地区旅游部门常驻内地（大陆）代表机构', '9': '其他' } },
  '7': { name: '宗教', categories: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { name: '工会', categories: { '1': '基层工会', '9': '其他' } },
  '9': { name: '工商', categories: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  A: { name: '中央军委改革和编制办公室', categories: { '1': '军队事业单位', '9': '其他' } },
  N: { name: '农业', categories: { '1': '组级集体经济组织', '2': '村级集体经济组织', '3': '乡镇级集体经济组织', '9': '其他' } },
  Y: { name: '其他', categories: { '1': '其他' } },
};

export type CreditCodeProblem =
  | 'USCC_FORMAT'
  | 'USCC_AUTHORITY'
  | 'USCC_CATEGORY'
  | 'USCC_DIVISION'
  | 'USCC_ORG_CHECKSUM'
  | 'USCC_CHECKSUM';

export interface CreditCodeParts {
  authority: string;
  category: string;
  division: string;
  orgCode: string;
  check: string;
}

function orgCharValue(ch: string): number {
  // GB 11714: digits are their value, capitals A-Z are 10-35.
  return /\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55;
}

/** GB 11714 check character for an 8-character organisation-code body. */
export function orgCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgCharValue(body8[i]!) * ORG_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  if (c === 10) return 'X';
  if (c === 11) return '0';
  return String(c);
}

/** GB 32100 check character over the first 17 characters. */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARSET.indexOf(first17[i]!) * USCC_WEIGHTS[i]!;
  const c = (31 - (sum % 31)) % 31;
  return USCC_CHARSET[c]!;
}

export function splitCreditCode(value: string): CreditCodeParts {
  return {
    authority: value.slice(0, 1),
    category: value.slice(1, 2),
    division: value.slice(2, 8),
    orgCode: value.slice(8, 17),
    check: value.slice(17, 18),
  };
}

/** Validates a credit code and names the first problem found. */
export function checkCreditCode(
  raw: string,
): { valid: true; parts: CreditCodeParts } | { valid: false; problem: CreditCodeProblem; parts: CreditCodeParts } {
  const value = raw.trim().toUpperCase();
  const parts = splitCreditCode(value);
  if (value.length !== 18 || [...value].some((ch) => !USCC_CHARSET.includes(ch))) {
    return { valid: false, problem: 'USCC_FORMAT', parts };
  }
  const authority = USCC_AUTHORITIES[parts.authority];
  if (!authority) return { valid: false, problem: 'USCC_AUTHORITY', parts };
  if (!authority.categories[parts.category]) return { valid: false, problem: 'USCC_CATEGORY', parts };
  if (!/^\d{6}$/.test(parts.division)) return { valid: false, problem: 'USCC_DIVISION', parts };
  const body = parts.orgCode.slice(0, 8);
  // GB 11714 allows digits and capitals in the body; the check character is a digit or X.
  if (!/^[0-9A-Z]{8}$/.test(body) || orgCodeCheckChar(body) !== parts.orgCode[8]) {
    return { valid: false, problem: 'USCC_ORG_CHECKSUM', parts };
  }
  if (creditCodeCheckChar(value.slice(0, 17)) !== parts.check) return { valid: false, problem: 'USCC_CHECKSUM', parts };
  return { valid: true, parts };
}

export function isValidCreditCode(raw: string): boolean {
  return checkCreditCode(raw).valid;
}

/** Builds a full credit code from its first four parts (the org-code body is 8 characters). */
export function composeCreditCode(authority: string, category: string, division: string, orgBody8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(orgBody8) || [...orgBody8].some((ch) => !USCC_CHARSET.includes(ch))) {
    throw new Error(`organisation-code body must be 8 characters of ${USCC_CHARSET}`);
  }
  const orgCode = orgBody8 + orgCodeCheckChar(orgBody8);
  const first17 = authority + category + division + orgCode;
  return first17 + creditCodeCheckChar(first17);
}
