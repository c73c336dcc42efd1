/** Request and response schemas of business registration (the typed boundary and the source of its OpenAPI). */
import { z } from 'zod';
import { USCC_CHARSET } from '../../../common/credit-code';
import { ENTITY_TYPES, REGISTRATION_KINDS } from '../../../common/registration';
import { Pagination } from '../../platform/http/schemas';

const USCC_PATTERN = new RegExp(`^[${USCC_CHARSET}${USCC_CHARSET.toLowerCase()}]{18}$`);

/**
 * The form of the registration item 企业设立、变更、注销登记 (cases.form, in POST /api/cases/intake and
 * POST /api/applications). Documented here; checked by the registration module when a case is taken.
 */
export const RegistrationFormDoc = z
  .object({
    kind: z.string().max(20).describe(`${REGISTRATION_KINDS.join(' | ')}: 设立, 变更, 注销`),
    uscc: z.string().max(32).optional().describe('change/cancel: the enterprise\'s Unified Social Credit Code (GB 32100)'),
    enterpriseName: z.string().max(100).optional().describe('名称; not taken by an active entity nor by a registration in progress'),
    entityType: z.string().max(50).optional().describe(`类型, one of ${ENTITY_TYPES.map((t) => t.name).join('、')}; decides the GB 32100 category (企业 1, 个体工商户 2, 农民专业合作社 3)`),
    legalRepName: z.string().max(50).optional().describe('法定代表人（经营者、执行事务合伙人）'),
    legalRepIdNumber: z.string().max(32).optional().describe('The legal representative\'s resident ID number (GB 11643)'),
    registeredCapital: z.union([z.number(), z.string().max(20)]).optional().describe('注册资本（出资额）in 万元; required for companies'),
    townshipCode: z.string().max(12).optional().describe('9-digit code of the township of the domicile (GET /api/org/townships)'),
    address: z.string().max(200).optional().describe('住所 within the township'),
    businessScope: z.string().max(2000).optional().describe('经营范围'),
    cancelReason: z.string().max(500).optional().describe('cancel: 注销原因'),
  })
  .meta({ id: 'RegistrationForm', description: 'form of a case of item WX-XK-096; establish needs every field but uscc/cancelReason, change the uscc and the fields that change, cancel the uscc' });

export const NameCheckQuery = z.object({ name: z.string().trim().min(1).max(100).describe('The proposed enterprise name') });

export const NameCheckResult = z
  .object({
    name: z.string(),
    normalized: z.string().describe('How names are compared: half-width, no spaces, one kind of brackets'),
    wellFormed: z.boolean(),
    available: z.boolean(),
    /** Why not: an active entity or a registration in progress holds the name. */
    takenBy: z.object({ kind: z.enum(['enterprise', 'case']), name: z.string(), uscc: z.string().nullable(), caseNumber: z.string().nullable() }).nullable(),
    similar: z.array(z.object({ name: z.string(), uscc: z.string() })).describe('Active entities with the same trade-name characters'),
  })
  .meta({ id: 'NameCheckResult' });

export const UsccParams = z.object({
  code: z.string().min(1).max(40).regex(/^[0-9A-Za-z]+$/).describe('A credit code to check (letters and digits; lower case is read as upper case)'),
});

export const UsccCheck = z
  .object({
    valid: z.boolean(),
    reason: z.string().optional().describe('Why not: USCC_FORMAT, USCC_AUTHORITY, USCC_CATEGORY, USCC_DIVISION, USCC_ORG_CHECKSUM or USCC_CHECKSUM'),
    message: z.string().optional().describe('The reason in the language asked for'),
    parts: z.object({
      authority: z.string().describe('登记管理部门代码 (position 1)'),
      category: z.string().describe('机构类别代码 (position 2)'),
      division: z.string().describe('登记管理机关行政区划码 (positions 3-8)'),
      orgCode: z.string().describe('主体标识码: GB 11714 organisation code, 8 characters + its check character (positions 9-17)'),
      check: z.string().describe('校验码 (position 18)'),
    }),
  })
  .meta({ id: 'UsccCheck' });

export const EnterpriseParams = z.object({ uscc: z.string().regex(USCC_PATTERN).describe('The Unified Social Credit Code') });

export const EnterpriseListQuery = Pagination.extend({
  q: z.string().trim().max(100).optional().describe('Part of the name, the credit code or the legal representative'),
  status: z.enum(['active', 'cancelled']).optional(),
  townshipCode: z.string().regex(/^\d{9}$/).optional(),
});

const Change = z.object({ field: z.string(), before: z.union([z.string(), z.number(), z.null()]), after: z.union([z.string(), z.number(), z.null()]) });

export const EnterpriseView = z
  .object({
    id: z.uuid(),
    uscc: z.string(),
    name: z.string(),
    entityType: z.string(),
    category: z.string(),
    legalRepName: z.string(),
    legalRepIdNumber: z.string().describe('Masked unless the caller\'s role needs it (window, issuer, tax office)'),
    registeredCapital: z.number().nullable().describe('万元'),
    townshipCode: z.string(),
    townshipName: z.string(),
    address: z.string(),
    businessScope: z.string(),
    status: z.enum(['active', 'cancelled']),
    establishedOn: z.string(),
    cancelledOn: z.string().nullable(),
    caseId: z.uuid().nullable(),
    licenceNumber: z.string().nullable().describe('营业执照 in the certificate registry (GET /api/certificates/{number})'),
    sharedWith: z.array(z.string()).describe('Departments that receive this registration (tax, statistics)'),
    version: z.number().int(),
  })
  .meta({ id: 'Enterprise' });

export const EnterpriseDetail = EnterpriseView.extend({
  history: z.array(
    z.object({
      kind: z.enum(['establish', 'change', 'cancel']),
      on: z.string(),
      caseId: z.uuid().nullable(),
      caseNumber: z.string().nullable(),
      changes: z.array(Change),
      note: z.string(),
      licenceVersion: z.number().int().nullable(),
    }),
  ),
}).meta({ id: 'EnterpriseDetail' });

export const FormCheckBody = z.object({
  form: RegistrationFormDoc,
  applicant: z.object({ kind: z.enum(['person', 'enterprise']), idNumber: z.string().trim().min(1).max(32) }).optional().describe('Who applies (change/cancel: the entity or its legal representative)'),
});
