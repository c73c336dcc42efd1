import { z } from 'zod';
import { MATERIAL_FORMS } from '../../../common/catalog';

/**
 * The data each printed document is filled from. Everything that belongs to the case, the organ or the county
 * comes from here; the renderers add only the fixed wording (in Chinese, or English with `locale: 'en'`).
 * Personal data is passed in full and masked when printed (个人信息保护法).
 */

const text = (max: number) => z.string().trim().min(1).max(max);

/** Local date in Asia/Shanghai, YYYY-MM-DD (computed by the calendar; the renderers never count days). */
export const LocalDate = z.iso.date();

/** Language of the fixed wording: Chinese by default. */
export const DocumentLocale = z.enum(['zh-CN', 'en']).default('zh-CN');
export type DocumentLocale = z.output<typeof DocumentLocale>;

/** The organ that issues the document and whose seal it will bear. */
export const Organ = z.object({
  /** 发文机关, e.g. 威县行政审批局 */
  name: text(60),
  /** 机关代字 used in document numbers, e.g. 威审 (→ 威审受字〔2026〕第 03020001 号) */
  abbreviation: text(12),
});

export const Applicant = z.object({
  /** 'person' (ID number, masked when printed) or 'enterprise' (credit code, public by law). */
  kind: z.enum(['person', 'enterprise']),
  name: text(120),
  /** 公民身份号码 (GB 11643) or 统一社会信用代码 (GB 32100). */
  idNumber: text(40),
  /** Printed masked: 138****5678 */
  phone: text(30).optional(),
  /** 经办人: who came to the window for an enterprise. */
  contactName: text(60).optional(),
});

export const Item = z.object({
  name: text(200),
  /** 事项编码, e.g. WX-XK-099 */
  code: text(60),
});

/** The window clerk who handled the application (首问负责: the applicant knows whom to ask). */
export const Clerk = z.object({
  name: text(60),
  /** e.g. 综合受理区 3 号窗口 */
  window: text(100),
  phone: text(30).optional(),
});

/** A material received at acceptance. */
export const ReceivedMaterial = z.object({
  name: text(300),
  form: z.enum(MATERIAL_FORMS),
  copies: z.number().int().min(1).max(999),
});

/** 受理通知书 (行政许可法 Art. 32: acceptance is confirmed in writing, with the organ's seal and the date). */
export const AcceptanceNoticeData = z.object({
  locale: DocumentLocale,
  organ: Organ,
  /** 办件编号, e.g. WX202603020001; the document number is derived from it. */
  caseNumber: text(40),
  applicant: Applicant,
  item: Item,
  /** Day the application was submitted. */
  appliedOn: LocalDate,
  /** Day of acceptance; also the date of the notice. */
  acceptedOn: LocalDate,
  materials: z.array(ReceivedMaterial).min(1).max(500),
  /** 法定办结时限 in working days; null when the law states none in working days (see legalLimitText). */
  legalLimitDays: z.number().int().min(0).max(9999).nullable(),
  /** The statutory limit as the law words it when not in working days, e.g. 20日, 三个月. */
  legalLimitText: text(60).optional(),
  /** 承诺办结时限 in working days; 0 for 即办件 (decided on the spot). */
  promisedLimitDays: z.number().int().min(0).max(9999),
  /** 承诺办结日期, computed by the calendar from the acceptance date. */
  promisedCompletionDate: LocalDate,
  /** Where the applicant follows the case. */
  progress: z.object({ url: text(300), phone: text(30).optional() }),
  clerk: Clerk,
});

/** One missing or defective material in a one-time notice. */
export const Deficiency = z.object({
  material: text(300),
  /** missing: not submitted; defective: submitted but not in the legal form. */
  problem: z.enum(['missing', 'defective']),
  /** What is wrong, e.g. 租赁协议已过期 */
  detail: text(1000),
  /** What the applicant must bring, e.g. 提供有效期内的租赁协议原件 */
  requirement: text(1000),
});

/** 一次性告知单 (行政许可法 Art. 32(1)(4): all materials to be supplemented are named at once). */
export const CorrectionNoticeData = z.object({
  locale: DocumentLocale,
  organ: Organ,
  caseNumber: text(40),
  applicant: Applicant,
  item: Item,
  appliedOn: LocalDate,
  /** Date of the notice. */
  notifiedOn: LocalDate,
  deficiencies: z.array(Deficiency).min(1).max(500),
  /** Where the materials can be brought: any window of the hall, or online. */
  resubmit: z.object({
    /** e.g. 威县市民服务中心任一综合受理窗口 */
    hall: text(200),
    url: text(300),
    /** Optional: the date by which the applicant is asked to complete the application. */
    deadline: LocalDate.optional(),
  }),
  clerk: Clerk,
});

/** 不予受理通知书 (行政许可法 Art. 32(1)(2)(3)), with the applicant's remedies. */
export const RefusalNoticeData = z.object({
  locale: DocumentLocale,
  organ: Organ,
  caseNumber: text(40),
  applicant: Applicant,
  item: Item,
  appliedOn: LocalDate,
  /** Date of the decision and of the notice. */
  decidedOn: LocalDate,
  /** Why the application is not accepted (free text). */
  reason: text(2000),
  /** e.g. 《中华人民共和国行政许可法》第三十二条第一款第二项; the law's Art. 32 when omitted. */
  legalBasis: text(500).optional(),
  /** The organ to apply to instead, when the item is not within this organ's powers (Art. 32(1)(2)). */
  competentOrgan: text(120).optional(),
  /** 行政复议 (行政复议法: 60 days) and 行政诉讼 (行政诉讼法 Art. 46: 6 months); county defaults when omitted. */
  remedies: z
    .object({
      reconsiderationOrgan: text(120).optional(),
      reconsiderationDays: z.number().int().min(1).max(3650).default(60),
      court: text(120).optional(),
      litigationMonths: z.number().int().min(1).max(120).default(6),
    })
    .default({ reconsiderationDays: 60, litigationMonths: 6 }),
});

/** One stage on the time-limit card. */
export const CardStage = z.object({
  /** e.g. 受理, 审查, 现场核查, 决定, 制证 */
  name: text(60),
  /** Section or post responsible, e.g. 文教卫事务科 */
  handler: text(100).optional(),
  /** Step limit in working days (0: the same day). */
  limitDays: z.number().int().min(0).max(9999),
  dueOn: LocalDate,
});

/** 限时办结卡: given with the acceptance notice; the stub stays with the case file. */
export const TimeLimitCardData = z.object({
  locale: DocumentLocale,
  organ: Organ,
  caseNumber: text(40),
  applicant: Applicant,
  item: Item,
  acceptedOn: LocalDate,
  promisedLimitDays: z.number().int().min(1).max(9999),
  promisedCompletionDate: LocalDate,
  stages: z.array(CardStage).min(1).max(40),
  supervision: z.object({
    /** 监督电话 */
    phone: text(30),
    /** 投诉渠道, e.g. 威县市民服务中心网上投诉平台 https://… */
    complaint: text(300),
  }),
  clerk: Clerk,
});

export type AcceptanceNoticeInput = z.input<typeof AcceptanceNoticeData>;
export type AcceptanceNotice = z.output<typeof AcceptanceNoticeData>;
export type CorrectionNoticeInput = z.input<typeof CorrectionNoticeData>;
export type CorrectionNotice = z.output<typeof CorrectionNoticeData>;
export type RefusalNoticeInput = z.input<typeof RefusalNoticeData>;
export type RefusalNotice = z.output<typeof RefusalNoticeData>;
export type TimeLimitCardInput = z.input<typeof TimeLimitCardData>;
export type TimeLimitCard = z.output<typeof TimeLimitCardData>;
export type ApplicantData = z.output<typeof Applicant>;
export type ClerkData = z.output<typeof Clerk>;
export type OrganData = z.output<typeof Organ>;
