/**
 * Business registration (市场主体登记, 一照一码): the form of the registration item, its entity types and their
 * GB 32100 category codes, and how names are compared. Pure, shared by the server and the web forms.
 */
import { checkCreditCode } from './credit-code';
import { checkIdNumber } from './id-number';

/** The catalogue item 企业设立、变更、注销登记 whose cases create, change and close market entities. */
export const REGISTRATION_ITEM_CODE = 'WX-XK-096';

/** GB 32100-2015 Table 1: registration authority 9 (工商, now 市场监管). */
export const REGISTRATION_AUTHORITY = '9';

/**
 * Entity types (市场主体类型) as the licence prints them, with their GB 32100 entity-category code:
 * 企业 1, 个体工商户 2, 农民专业合作社 3.
 */
export const ENTITY_TYPES = [
  { name: '有限责任公司', en: 'Limited liability company', category: '1', hasCapital: true },
  { name: '有限责任公司（自然人独资）', en: 'One-person limited liability company', category: '1', hasCapital: true },
  { name: '股份有限公司', en: 'Company limited by shares', category: '1', hasCapital: true },
  { name: '个人独资企业', en: 'Sole proprietorship', category: '1', hasCapital: false },
  { name: '普通合伙企业', en: 'General partnership', category: '1', hasCapital: false },
  { name: '有限合伙企业', en: 'Limited partnership', category: '1', hasCapital: false },
  { name: '分公司', en: 'Branch', category: '1', hasCapital: false },
  { name: '个体工商户', en: 'Individual business', category: '2', hasCapital: false },
  { name: '农民专业合作社', en: "Farmers' specialised cooperative", category: '3', hasCapital: false },
] as const;

export type EntityTypeName = (typeof ENTITY_TYPES)[number]['name'];

export function entityTypeOf(name: unknown): (typeof ENTITY_TYPES)[number] | undefined {
  return ENTITY_TYPES.find((t) => t.name === name);
}

export const REGISTRATION_KINDS = ['establish', 'change', 'cancel'] as const;
export type RegistrationKind = (typeof REGISTRATION_KINDS)[number];

/** The fields a change may set (变更登记事项); the rest of the registration stays as it is. */
export const CHANGEABLE_FIELDS = ['enterpriseName', 'entityType', 'legalRepName', 'legalRepIdNumber', 'registeredCapital', 'townshipCode', 'address', 'businessScope'] as const;
export type ChangeableField = (typeof CHANGEABLE_FIELDS)[number];

/** The registration form as a case carries it (cases.form). */
export interface RegistrationForm {
  kind: RegistrationKind;
  /** change/cancel: the enterprise's credit code. */
  uscc?: string;
  enterpriseName?: string;
  entityType?: string;
  legalRepName?: string;
  /** GB 11643 resident ID number of the legal representative (经营者, 执行事务合伙人). */
  legalRepIdNumber?: string;
  /** 注册资本（出资额）in 万元. */
  registeredCapital?: number;
  /** 9-digit code of one of the county's townships. */
  townshipCode?: string;
  address?: string;
  businessScope?: string;
  /** cancel: 注销原因. */
  cancelReason?: string;
}

/** Why a form is refused; the server maps each to a message (FIELD_MESSAGES), the web to its own text. */
export type RegistrationProblem =
  | 'REQUIRED'
  | 'REGISTRATION_KIND'
  | 'ENTERPRISE_NAME_FORMAT'
  | 'ENTITY_TYPE_UNKNOWN'
  | 'CAPITAL_FORMAT'
  | 'REGISTRATION_NO_CHANGE'
  | 'TEXT_TOO_LONG'
  | 'ID_NUMBER_FORMAT'
  | 'ID_NUMBER_REGION'
  | 'ID_NUMBER_BIRTHDATE'
  | 'ID_NUMBER_CHECKSUM'
  | 'USCC_FORMAT'
  | 'USCC_AUTHORITY'
  | 'USCC_CATEGORY'
  | 'USCC_DIVISION'
  | 'USCC_ORG_CHECKSUM'
  | 'USCC_CHECKSUM';

const LIMITS: Record<string, number> = { enterpriseName: 100, legalRepName: 50, address: 200, businessScope: 2000, cancelReason: 500 };

/** Full-width to half-width, no spaces, one kind of brackets, Latin capitals: how names are compared. */
export function normalizeEnterpriseName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[（【［]/g, '(')
    .replace(/[）】］]/g, ')')
    .toUpperCase();
}

const PLACE_PREFIX = /^(河北省)?(邢台市)?(威县)?/;
const ORG_FORM_SUFFIX =
  /(\(?(普通|有限|特殊普通)?合伙\)?|有限责任公司|股份有限公司|有限公司|分公司|公司|个人独资企业|专业合作社|合作社|企业|厂|店|部|中心|馆|行|场)$/;

/**
 * The part of a name that tells it apart (字号 and industry), without the place and the organisational form:
 * 威县恒达农业机械有限公司 → 恒达农业机械. Similar names share its first two characters.
 */
export function nameCore(name: string): string {
  let core = normalizeEnterpriseName(name).replace(PLACE_PREFIX, '');
  for (let i = 0; i < 3; i++) core = core.replace(ORG_FORM_SUFFIX, '');
  return core;
}

/** An enterprise name: 4–100 characters with Chinese characters in it and no symbols but brackets and dots. */
export function isWellFormedName(name: string): boolean {
  const n = normalizeEnterpriseName(name);
  return n.length >= 4 && n.length <= 100 && /\p{Script=Han}/u.test(n) && /^[\p{Script=Han}A-Z0-9()·.&-]+$/u.test(n);
}

function text(form: Record<string, unknown>, key: string): string | undefined {
  const v = form[key];
  if (v === undefined || v === null) return undefined;
  const s = String(v).trim();
  return s === '' ? undefined : s;
}

function capitalOf(v: unknown): number | undefined | null {
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'number' ? v : Number(String(v).trim());
  // 万元 with at most four decimals (1 元 precision), up to 1 000 000 万元.
  if (!Number.isFinite(n) || n < 0 || n > 1_000_000 || Math.round(n * 10000) !== n * 10000) return null;
  return n;
}

export interface FormProblem {
  field: keyof RegistrationForm;
  problem: RegistrationProblem;
}

/**
 * Checks the shape of a registration form (not what the database knows: taken names, unknown townships or
 * credit codes are the server's). Returns the normalised form when there is no problem.
 */
export function checkRegistrationForm(form: Record<string, unknown>, today: Date = new Date()): { form: RegistrationForm | null; problems: FormProblem[] } {
  const problems: FormProblem[] = [];
  const kind = form.kind;
  if (kind !== 'establish' && kind !== 'change' && kind !== 'cancel') {
    return { form: null, problems: [{ field: 'kind', problem: kind === undefined || kind === null || kind === '' ? 'REQUIRED' : 'REGISTRATION_KIND' }] };
  }
  const out: RegistrationForm = { kind };
  const required = (field: keyof RegistrationForm) => problems.push({ field, problem: 'REQUIRED' });
  const isEstablish = kind === 'establish';
  for (const key of ['enterpriseName', 'legalRepName', 'address', 'businessScope', 'cancelReason'] as const) {
    const v = text(form, key);
    if (v !== undefined && v.length > LIMITS[key]!) problems.push({ field: key, problem: 'TEXT_TOO_LONG' });
    else if (v !== undefined) out[key] = v;
  }
  if (kind !== 'establish') {
    const uscc = text(form, 'uscc')?.toUpperCase();
    if (!uscc) required('uscc');
    else {
      const r = checkCreditCode(uscc);
      if (!r.valid) problems.push({ field: 'uscc', problem: r.problem });
      else out.uscc = uscc;
    }
  }
  if (kind === 'cancel') return { form: problems.length ? null : out, problems };

  if (out.enterpriseName !== undefined && !isWellFormedName(out.enterpriseName)) problems.push({ field: 'enterpriseName', problem: 'ENTERPRISE_NAME_FORMAT' });
  const entityType = text(form, 'entityType');
  if (entityType !== undefined) {
    if (!entityTypeOf(entityType)) problems.push({ field: 'entityType', problem: 'ENTITY_TYPE_UNKNOWN' });
    else out.entityType = entityType;
  }
  const idNumber = text(form, 'legalRepIdNumber')?.toUpperCase();
  if (idNumber !== undefined) {
    const r = checkIdNumber(idNumber, today);
    if (!r.valid) problems.push({ field: 'legalRepIdNumber', problem: r.problem });
    else out.legalRepIdNumber = idNumber;
  }
  const capital = capitalOf(form.registeredCapital);
  if (capital === null) problems.push({ field: 'registeredCapital', problem: 'CAPITAL_FORMAT' });
  else if (capital !== undefined) out.registeredCapital = capital;
  const township = text(form, 'townshipCode');
  if (township !== undefined) {
    if (!/^\d{9}$/.test(township)) problems.push({ field: 'townshipCode', problem: 'REQUIRED' });
    else out.townshipCode = township;
  }
  if (isEstablish) {
    for (const key of ['enterpriseName', 'entityType', 'legalRepName', 'legalRepIdNumber', 'townshipCode', 'address', 'businessScope'] as const) {
      if (text(form, key) === undefined) required(key);
    }
    if (entityTypeOf(entityType)?.hasCapital && capital === undefined) required('registeredCapital');
  } else if (!CHANGEABLE_FIELDS.some((key) => text(form, key) !== undefined)) {
    problems.push({ field: 'enterpriseName', problem: 'REGISTRATION_NO_CHANGE' });
  }
  return { form: problems.length ? null : out, problems };
}

/** 100 → "100万元人民币"; the licence's way of writing capital. */
export function formatCapital(wan: number | null | undefined): string {
  if (wan === null || wan === undefined) return '';
  return `${Number(wan.toFixed(4))}万元人民币`;
}
