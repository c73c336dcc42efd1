/**
 * One error type for the whole server. Each code maps, in this file only, to an HTTP status and to a message
 * in Chinese and English. Clients receive `{"error":{"code","message","fields"?}}`.
 */

export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, zh: '提交的内容有误，请检查标出的字段。', en: 'The request is invalid; check the fields named.' },
  BAD_REQUEST: { status: 400, zh: '请求无法处理。', en: 'The request cannot be processed.' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录。', en: 'Please sign in first.' },
  LOGIN_FAILED: { status: 401, zh: '用户名或密码错误。', en: 'Wrong user name or password.' },
  SESSION_EXPIRED: { status: 401, zh: '登录已超时，请重新登录。', en: 'Your session has expired; please sign in again.' },
  FORBIDDEN: { status: 403, zh: '您无权执行此操作。', en: 'You are not allowed to do this.' },
  CSRF_REJECTED: { status: 403, zh: '请求来源不被信任。', en: 'The request did not come from a trusted origin.' },
  ACCOUNT_DISABLED: { status: 403, zh: '账号已停用，请联系管理员。', en: 'This account is disabled; contact the administrator.' },
  ACCOUNT_LOCKED: {
    status: 423,
    zh: '登录失败次数过多，账号已锁定，请于 {minutes} 分钟后再试。',
    en: 'Too many failed sign-ins; the account is locked. Try again in {minutes} minutes.',
  },
  NOT_FOUND: { status: 404, zh: '未找到请求的资源。', en: 'Not found.' },
  ROUTE_NOT_FOUND: { status: 404, zh: '接口不存在。', en: 'No such endpoint.' },
  METHOD_NOT_ALLOWED: { status: 405, zh: '不支持该请求方法。', en: 'Method not allowed.' },
  CONFLICT: { status: 409, zh: '数据已被他人修改，请刷新后重试。', en: 'Someone else changed this; reload and try again.' },
  CASE_STATE: { status: 409, zh: '{reasonZh}', en: '{reasonEn}' },
  /** A record not in the state the action needs (a rectification, a complaint); the reason says which. */
  STATE_CONFLICT: { status: 409, zh: '{reasonZh}', en: '{reasonEn}' },
  DUPLICATE: { status: 409, zh: '{what}已存在。', en: '{what} already exists.' },
  IN_USE: { status: 409, zh: '{what}正在使用中，不能删除。', en: '{what} is in use and cannot be deleted.' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '提交的内容过大。', en: 'The request is too large.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '不支持的内容类型。', en: 'Unsupported content type.' },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁，请稍后再试。', en: 'Too many requests; please wait and try again.' },
  INTERNAL: { status: 500, zh: '服务器内部错误，请稍后再试。', en: 'Internal server error; please try again later.' },
  CALENDAR_UNKNOWN: {
    status: 400,
    zh: '{year}年的节假日安排尚未录入，无法计算工作日；请管理员在工作日历中录入。',
    en: 'The holiday arrangements for {year} have not been entered yet, so working days cannot be computed; an administrator must enter them in the working calendar.',
  },
  SERVICE_UNAVAILABLE: { status: 503, zh: '服务暂不可用，请稍后再试。', en: 'Service unavailable; please try again later.' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** A problem with one field; `message` is already localised when it reaches the client. */
export interface FieldError {
  path: string;
  message: string;
}

/** A field problem before localisation: either a message key of FIELD_MESSAGES or a literal text pair. */
export interface FieldProblem {
  path: string;
  key?: FieldMessageKey;
  params?: Record<string, string | number>;
  zh?: string;
  en?: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, string | number>;
  readonly fields: FieldProblem[] | undefined;

  constructor(code: ErrorCode, options: { params?: Record<string, string | number>; fields?: FieldProblem[]; cause?: unknown } = {}) {
    super(code, { cause: options.cause });
    this.code = code;
    this.params = options.params ?? {};
    this.fields = options.fields;
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}

/** Messages for field problems our own rules raise (validators, services). */
export const FIELD_MESSAGES = {
  ID_NUMBER_FORMAT: { zh: '身份证号码应为18位，最后一位可以是数字或X。', en: 'An ID number has 18 characters; the last may be a digit or X.' },
  ID_NUMBER_REGION: { zh: '身份证号码的地址码不存在。', en: 'The ID number has an unknown region code.' },
  ID_NUMBER_BIRTHDATE: { zh: '身份证号码中的出生日期无效。', en: 'The birth date in the ID number is invalid.' },
  ID_NUMBER_CHECKSUM: { zh: '身份证号码校验码错误，请核对后重新输入。', en: 'The ID number check character is wrong; please check it.' },
  USCC_FORMAT: {
    zh: '统一社会信用代码应为18位，由数字和大写字母组成（不含I、O、S、V、Z）。',
    en: 'A credit code has 18 characters: digits and capitals except I, O, S, V, Z.',
  },
  USCC_AUTHORITY: { zh: '统一社会信用代码的登记管理部门代码无效。', en: 'The credit code has an invalid registration-authority code.' },
  USCC_CATEGORY: { zh: '统一社会信用代码的机构类别代码无效。', en: 'The credit code has an invalid entity-category code.' },
  USCC_DIVISION: { zh: '统一社会信用代码的行政区划码无效。', en: 'The credit code has an invalid division code.' },
  USCC_ORG_CHECKSUM: { zh: '统一社会信用代码中组织机构代码的校验码错误。', en: 'The organisation-code check character in the credit code is wrong.' },
  USCC_CHECKSUM: { zh: '统一社会信用代码校验码错误，请核对后重新输入。', en: 'The credit code check character is wrong; please check it.' },
  CERTIFICATE_NUMBER: {
    zh: '证照编号格式或校验位不正确，请核对后重新输入。',
    en: 'The certificate number is malformed or its check character is wrong; please check it.',
  },
  PHONE_FORMAT: { zh: '请输入11位手机号码。', en: 'Enter an 11-digit mobile number.' },
  PASSWORD_WEAK: {
    zh: '密码至少8位，且须包含字母和数字。',
    en: 'A password needs at least 8 characters with letters and digits.',
  },
  PASSWORD_WRONG: { zh: '当前密码不正确。', en: 'The current password is wrong.' },
  USERNAME_TAKEN: { zh: '该用户名已被使用。', en: 'This user name is taken.' },
  SUBJECT_TAKEN: { zh: '该证件号码已注册账号。', en: 'An account with this ID number already exists.' },
  UNKNOWN_REFERENCE: { zh: '引用的{what}不存在。', en: 'The referenced {what} does not exist.' },
  ROLE_SCOPE_REQUIRED: { zh: '该角色需要指定{what}。', en: 'This role needs a {what}.' },
  CODE_TAKEN: { zh: '该编码已被使用。', en: 'This code is already in use.' },
  REQUIRED: { zh: '此项为必填项。', en: 'This field is required.' },
  CALENDAR_YEAR_UNKNOWN: { zh: '{year}年的节假日安排尚未录入。', en: 'The holiday arrangements for {year} have not been entered.' },
  CALENDAR_OFFICIAL_YEAR: {
    zh: '{year}年的节假日安排已由国务院公布的数据提供，无需录入或撤销。',
    en: 'The arrangements for {year} come from the official data; they are neither declared nor undeclared.',
  },
  CALENDAR_OUTSIDE_YEAR: { zh: '日期不在{year}年内。', en: 'The date is not in {year}.' },
  CALENDAR_DATE_REPEATED: { zh: '该日期重复出现。', en: 'This date appears more than once.' },
  CALENDAR_RANGE_REVERSED: { zh: '结束日期不能早于开始日期。', en: 'The end date cannot be before the start date.' },
  CALENDAR_RANGE_TOO_LONG: { zh: '一次最多查询{max}天。', en: 'At most {max} days at a time.' },
  LAST_ADMIN: { zh: '不能停用或撤销最后一个系统管理员。', en: 'The last administrator cannot be disabled or demoted.' },
  // Business registration (市场主体登记)
  REGISTRATION_KIND: { zh: '登记类型应为设立、变更或注销。', en: 'The registration must be an establishment, a change or a cancellation.' },
  ENTERPRISE_NAME_FORMAT: {
    zh: '企业名称应为4至100个字符，含汉字，不含除括号、圆点以外的符号。',
    en: 'A business name has 4 to 100 characters, includes Chinese characters and no symbols but brackets and dots.',
  },
  ENTERPRISE_NAME_TAKEN: { zh: '名称“{name}”已被{holder}使用，请另拟名称。', en: 'The name "{name}" is already held by {holder}; choose another.' },
  ENTITY_TYPE_UNKNOWN: { zh: '请选择有效的市场主体类型。', en: 'Choose a valid entity type.' },
  ENTITY_CATEGORY_CHANGE: {
    zh: '变更登记不能改变主体类别（企业、个体工商户、农民专业合作社之间须注销后重新设立）。',
    en: 'A change cannot move between enterprise, individual business and cooperative; cancel and establish anew.',
  },
  CAPITAL_FORMAT: { zh: '注册资本应为0至1000000之间的数字（万元，最多4位小数）。', en: 'Registered capital is a number from 0 to 1,000,000 (10,000 yuan, up to 4 decimals).' },
  REGISTRATION_NO_CHANGE: { zh: '变更登记须填写至少一项变更事项。', en: 'A change must name at least one registered item that changes.' },
  TEXT_TOO_LONG: { zh: '内容过长。', en: 'The text is too long.' },
  ENTERPRISE_UNKNOWN: { zh: '本县登记的市场主体中没有该统一社会信用代码。', en: 'No entity registered in this county has this credit code.' },
  ENTERPRISE_CANCELLED: { zh: '该市场主体已注销。', en: 'This entity has been cancelled.' },
  REGISTRATION_APPLICANT: {
    zh: '变更、注销登记须由该市场主体或其法定代表人申请。',
    en: 'A change or cancellation is applied for by the entity itself or its legal representative.',
  },
  // 好差评 and complaints
  EVALUATION_COMMENT_REQUIRED: { zh: '差评请写明具体问题，以便核实整改。', en: 'A poor rating needs a comment naming the problem, so that it can be verified and put right.' },
  EVALUATION_CONTACT_REQUIRED: { zh: '差评请留下手机号码，以便回访。', en: 'A poor rating needs a mobile number for the call-back.' },
  CALLBACK_TIME: { zh: '回访时间不能早于差评时间，也不能晚于现在。', en: 'The call-back cannot be before the rating or in the future.' },
  // Uploads and addresses
  UPLOAD_MALFORMED: { zh: '上传的内容不完整或格式错误，请重新选择文件上传。', en: 'The upload is incomplete or malformed; choose the file and upload it again.' },
  UPLOAD_TYPE_MISMATCH: { zh: '文件内容与其类型（{declared}）不符。', en: 'The file content does not match its type ({declared}).' },
  NUL_CHARACTER: { zh: '内容中含有不允许的空字符（NUL）。', en: 'The text contains a NUL character, which is not allowed.' },
  URL_ENCODING: { zh: '地址中含有无效的字符编码。', en: 'The address contains an invalid character encoding.' },
  PARAMETER_TOO_LONG: { zh: '地址中的参数过长。', en: 'A parameter in the address is too long.' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type FieldMessageKey = keyof typeof FIELD_MESSAGES;

export type Locale = 'zh' | 'en';

export function interpolate(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? `{${key}}`));
}

export function localizeFieldProblem(problem: FieldProblem, locale: Locale): FieldError {
  if (problem.key) {
    const entry = FIELD_MESSAGES[problem.key];
    return { path: problem.path, message: interpolate(entry[locale], problem.params ?? {}) };
  }
  return { path: problem.path, message: (locale === 'en' ? problem.en : problem.zh) ?? problem.zh ?? problem.en ?? '' };
}

/** The language of a request: the one the user chose in the web app (cookie ow_lang) over the browser's Accept-Language. */
export function localeOfHeaders(headers: { cookie?: string; 'accept-language'?: string }): Locale {
  const langCookie = /(?:^|;\s*)ow_lang=(en|zh)\b/.exec(headers.cookie ?? '')?.[1] as Locale | undefined;
  return langCookie ?? localeFromHeader(headers['accept-language']);
}

/** Picks the response language from Accept-Language: English when English is preferred, else Chinese. */
export function localeFromHeader(header: string | undefined): Locale {
  if (!header) return 'zh';
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag, ...rest] = part.trim().split(';');
      const q = rest.find((r) => r.trim().startsWith('q='));
      const quality = q ? Number(q.trim().slice(2)) : 1;
      return { tag: (tag ?? '').toLowerCase(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((r) => r.tag)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const r of ranked) {
    if (r.tag.startsWith('en')) return 'en';
    if (r.tag.startsWith('zh')) return 'zh';
  }
  return 'zh';
}
