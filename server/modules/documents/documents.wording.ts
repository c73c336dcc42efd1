import { MATERIAL_FORM_LABELS, type MaterialForm } from '../../../common/catalog';
import type { ClerkData, DocumentLocale } from './documents.types';

/**
 * The fixed wording of the documents, Chinese and English. The Chinese follows county 行政审批 practice and
 * cites the articles that require each document; the English says the same for a foreign applicant.
 */

interface Facts {
  applied: string;
  item: string;
  code: string;
  caseNumber: string;
}

export interface Wording {
  language: string;
  pageLabel: (page: number, total: number) => string;
  date: (iso: string) => string;
  workingDays: (days: number) => string;
  /** No statutory limit stated in working days. */
  noStatutoryLimit: string;
  /** 即办件: decided on the spot. */
  onTheSpot: string;
  /** 威审 + 受字 + 2026 + 03020001 → 威审受字〔2026〕第 03020001 号 */
  documentNumber: (abbreviation: string, kind: DocumentKind, year: string, serial: string) => string;
  salutation: (name: string) => string;
  /** 食品经营许可（WX-XK-099） */
  withCode: (name: string, code: string) => string;
  labels: {
    caseNumber: string;
    applicant: string;
    idNumber: (kind: 'person' | 'enterprise') => string;
    phone: string;
    contact: string;
    item: string;
    itemCode: string;
    appliedOn: string;
    number: string;
    material: string;
    form: string;
    copies: string;
  };
  materialForm: (form: MaterialForm) => string;
  clerkLine: (role: 'accepted' | 'notified', clerk: ClerkData) => string;
  acceptance: {
    title: string;
    intro: (facts: Facts) => string;
    sectionApplication: string;
    acceptedOn: string;
    sectionMaterials: (count: number) => string;
    sectionLimits: string;
    legalLimit: string;
    promisedLimit: string;
    promisedDate: string;
    clockRules: string;
    sectionProgress: string;
    progress: (caseNumber: string, url: string, phone?: string) => string;
  };
  correction: {
    title: string;
    intro: (facts: Facts) => string;
    problem: string;
    requirement: string;
    missing: string;
    defective: string;
    complete: string;
    notAccepted: string;
    howTo: (p: { hall: string; url: string; caseNumber: string; documentNumber: string; deadline?: string }) => string;
    receipt: string;
  };
  refusal: {
    title: string;
    intro: (facts: Facts, reason: string) => string;
    decision: (legalBasis?: string) => string;
    competentOrgan: (organ: string) => string;
    remedies: (p: { days: number; organ: string; months: number; court: string }) => string;
    defaultReconsiderationOrgan: string;
    defaultCourt: string;
  };
  card: {
    title: string;
    applicantCopy: string;
    stubCopy: string;
    acceptedBy: string;
    acceptedOn: string;
    promisedLimit: string;
    promisedDate: string;
    stage: string;
    handler: string;
    limit: string;
    dueOn: string;
    window: (window: string, supervisionPhone: string) => string;
    complaint: (channel: string) => string;
    note: string;
    receipt: string;
    cut: string;
  };
}

export type DocumentKind = 'acceptance' | 'correction' | 'refusal';

/** Two ideographic spaces: the gap between fields on one line of a Chinese form. */
const GAP = '\u3000\u3000';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function dateParts(iso: string): [number, number, number] {
  const [y, m, d] = iso.split('-').map(Number);
  return [y ?? 0, m ?? 0, d ?? 0];
}

/** Ends a free-text sentence with a full stop unless it has one. */
export function sentence(value: string, stop: string): string {
  return /[。．.！!？?]$/.test(value) ? value : value + stop;
}

const ZH_KIND: Record<DocumentKind, string> = { acceptance: '受字', correction: '告字', refusal: '不受字' };

const zh: Wording = {
  language: 'zh-CN',
  pageLabel: (page, total) => `第 ${page} 页 共 ${total} 页`,
  date: (iso) => {
    const [y, m, d] = dateParts(iso);
    return `${y}年${m}月${d}日`;
  },
  workingDays: (days) => `${days}个工作日`,
  noStatutoryLimit: '法律、法规未规定',
  onTheSpot: '当场办结',
  documentNumber: (abbreviation, kind, year, serial) => `${abbreviation}${ZH_KIND[kind]}〔${year}〕第 ${serial} 号`,
  salutation: (name) => `${name}：`,
  withCode: (name, code) => `${name}（${code}）`,
  labels: {
    caseNumber: '办件编号',
    applicant: '申请人',
    idNumber: (kind) => (kind === 'person' ? '公民身份号码' : '统一社会信用代码'),
    phone: '联系电话',
    contact: '经办人',
    item: '申请事项',
    itemCode: '事项编码',
    appliedOn: '申请日期',
    number: '序号',
    material: '材料名称',
    form: '材料形式',
    copies: '份数',
  },
  materialForm: (form) => MATERIAL_FORM_LABELS[form].zh,
  clerkLine: (role, clerk) =>
    `${role === 'accepted' ? '受理人' : '告知人'}：${clerk.name}${GAP}窗口：${clerk.window}${clerk.phone ? `${GAP}联系电话：${clerk.phone}` : ''}`,
  acceptance: {
    title: '受理通知书',
    intro: (f) =>
      `你（单位）于${f.applied}提出的${f.item}申请（事项编码：${f.code}），经审查，申请事项属于本机关职权范围，申请材料齐全、符合法定形式。根据《中华人民共和国行政许可法》第三十二条第一款第五项的规定，本机关决定予以受理。现将有关事项告知如下：`,
    sectionApplication: '一、申请信息',
    acceptedOn: '受理日期',
    sectionMaterials: (count) => `二、已收取的申请材料（共 ${count} 项）`,
    sectionLimits: '三、办理时限',
    legalLimit: '法定办结时限',
    promisedLimit: '承诺办结时限',
    promisedDate: '承诺办结日期',
    clockRules:
      '上述时限按工作日计算，受理当日不计入，法定节假日不计入。依照《中华人民共和国行政许可法》第四十五条等规定，依法需要听证、检验检测、专家评审、公示等特别程序的，所需时间不计算在办理时限内，本机关将书面告知所需时间；申请人补正材料的时间亦不计算在内。',
    sectionProgress: '四、进度查询',
    progress: (caseNumber, url, phone) =>
      `你（单位）可凭办件编号 ${caseNumber} 登录 ${url} 查询办理进度${phone ? `，或拨打 ${phone} 咨询` : ''}。办结后本机关将及时通知你（单位）领取办理结果。`,
  },
  correction: {
    title: '一次性告知单',
    intro: (f) =>
      `你（单位）于${f.applied}提交的${f.item}申请（事项编码：${f.code}；办件编号：${f.caseNumber}），经审查，申请材料不齐全或者不符合法定形式。根据《中华人民共和国行政许可法》第三十二条第一款第四项的规定，现将需要补正的全部内容一次性告知如下：`,
    problem: '存在问题',
    requirement: '补正要求',
    missing: '缺少',
    defective: '不符合要求',
    complete: '以上为本申请需要补正的全部内容（一次性告知）。按本告知单补正齐全的，本机关不再要求补正其他材料。',
    notAccepted:
      '本申请目前尚未受理，办理时限尚未开始计算。你（单位）提交全部补正材料、经审查符合要求的，本机关予以受理并出具受理通知书，办理时限自受理之日起按工作日计算。',
    howTo: (p) =>
      `请${p.deadline ? `于${p.deadline}前` : ''}携带本告知单到${p.hall}补正，或登录 ${p.url} 凭办件编号 ${p.caseNumber} 在线补正；补正时请注明本告知单编号（${p.documentNumber}），已收取的其他材料无需重复提交。`,
    receipt: '申请人（签收）：＿＿＿＿＿＿＿＿　　签收日期：　　　年　　月　　日',
  },
  refusal: {
    title: '不予受理通知书',
    intro: (f, reason) =>
      `你（单位）于${f.applied}提出的${f.item}申请（事项编码：${f.code}；办件编号：${f.caseNumber}），经审查，${sentence(reason, '。')}`,
    decision: (basis) => `根据${basis ?? '《中华人民共和国行政许可法》第三十二条'}的规定，本机关决定不予受理。`,
    competentOrgan: (organ) => `该申请事项依法不属于本机关职权范围，请向${organ}提出申请。`,
    remedies: (p) =>
      `如不服本决定，可以自收到本通知书之日起 ${p.days} 日内依法向${p.organ}申请行政复议，也可以自收到本通知书之日起 ${p.months} 个月内依法向${p.court}提起行政诉讼。`,
    defaultReconsiderationOrgan: '威县人民政府',
    defaultCourt: '威县人民法院',
  },
  card: {
    title: '限时办结卡',
    applicantCopy: '（申请人联）',
    stubCopy: '（存根联）',
    acceptedBy: '受理人',
    acceptedOn: '受理日期',
    promisedLimit: '承诺时限',
    promisedDate: '承诺办结日期',
    stage: '办理环节',
    handler: '承办科室（岗位）',
    limit: '时限（工作日）',
    dueOn: '应办结日期',
    window: (window, phone) => `受理窗口：${window}${GAP}监督电话：${phone}`,
    complaint: (channel) => `投诉渠道：${channel}`,
    note: '注：时限按工作日计算，受理当日不计入，法定节假日不计入，调休上班日计入；依法需要听证、检验检测、专家评审、公示等特别程序的时间和申请人补正材料的时间不计入。超过承诺办结日期未办结的，可拨打监督电话反映。',
    receipt: '申请人（签收）：＿＿＿＿＿＿＿＿　　签收日期：　　　年　　月　　日',
    cut: '（沿此线剪开）',
  },
};

const EN_KIND: Record<DocumentKind, string> = { acceptance: 'Acceptance', correction: 'Notice', refusal: 'Refusal' };

const en: Wording = {
  language: 'en',
  pageLabel: (page, total) => `Page ${page} of ${total}`,
  date: (iso) => {
    const [y, m, d] = dateParts(iso);
    return `${d} ${MONTHS[m - 1] ?? ''} ${y}`;
  },
  workingDays: (days) => `${days} working day${days === 1 ? '' : 's'}`,
  noStatutoryLimit: 'not set by law',
  onTheSpot: 'decided on the spot',
  documentNumber: (abbreviation, kind, year, serial) => `${EN_KIND[kind]} No. ${abbreviation}〔${year}〕${serial}`,
  salutation: (name) => `To ${name}:`,
  withCode: (name, code) => `${name} (${code})`,
  labels: {
    caseNumber: 'Case number',
    applicant: 'Applicant',
    idNumber: (kind) => (kind === 'person' ? 'ID number' : 'Unified social credit code'),
    phone: 'Telephone',
    contact: 'Contact person',
    item: 'Item',
    itemCode: 'Item code',
    appliedOn: 'Applied on',
    number: 'No.',
    material: 'Material',
    form: 'Form',
    copies: 'Copies',
  },
  materialForm: (form) => MATERIAL_FORM_LABELS[form].en,
  clerkLine: (role, clerk) =>
    `${role === 'accepted' ? 'Accepted by' : 'Notified by'}: ${clerk.name}    Window: ${clerk.window}${clerk.phone ? `    Telephone: ${clerk.phone}` : ''}`,
  acceptance: {
    title: 'Acceptance Notice',
    intro: (f) =>
      `Your application for the item "${f.item}" (item code ${f.code}), submitted on ${f.applied}, has been examined. The matter falls within the powers of this authority and the application materials are complete and in the legal form. Under Article 32(1)(5) of the Administrative Licensing Law of the People's Republic of China, this authority accepts the application, and informs you as follows:`,
    sectionApplication: '1. Application',
    acceptedOn: 'Accepted on',
    sectionMaterials: (count) => `2. Materials received (${count} in all)`,
    sectionLimits: '3. Time limits',
    legalLimit: 'Statutory time limit',
    promisedLimit: 'Promised time limit',
    promisedDate: 'Promised completion date',
    clockRules:
      'Time limits are counted in working days, from the day after acceptance; statutory holidays are not counted. Under Article 45 of the Administrative Licensing Law and related rules, time needed for special procedures required by law (hearings, inspection and testing, expert review, public notice) is not counted, and this authority will inform you of it in writing; time you take to supplement materials is not counted either.',
    sectionProgress: '4. Following your case',
    progress: (caseNumber, url, phone) =>
      `Follow the progress at ${url} with case number ${caseNumber}${phone ? `, or call ${phone}` : ''}. You will be told when the result is ready for collection.`,
  },
  correction: {
    title: 'One-Time Notice of Materials to Supplement',
    intro: (f) =>
      `Your application for the item "${f.item}" (item code ${f.code}; case number ${f.caseNumber}), submitted on ${f.applied}, has been examined: the materials are incomplete or not in the legal form. Under Article 32(1)(4) of the Administrative Licensing Law of the People's Republic of China, everything that must be supplemented is listed below, all at once:`,
    problem: 'Problem',
    requirement: 'What is needed',
    missing: 'Missing',
    defective: 'Not as required',
    complete:
      'This is the complete list of what must be supplemented (one-time notice). Once the materials are supplemented as listed, no other materials will be requested.',
    notAccepted:
      'The application has not been accepted yet and no time limit is running. When all the materials listed have been supplemented and found in order, this authority will accept the application and issue an acceptance notice; the time limit runs in working days from acceptance.',
    howTo: (p) =>
      `Please bring this notice${p.deadline ? ` by ${p.deadline}` : ''} to ${p.hall}, or supplement online at ${p.url} with case number ${p.caseNumber}, quoting the reference ${p.documentNumber}. Materials already received need not be submitted again.`,
    receipt: 'Received by the applicant (signature): ________________    Date: ____________',
  },
  refusal: {
    title: 'Notice of Refusal to Accept an Application',
    intro: (f, reason) =>
      `Your application for the item "${f.item}" (item code ${f.code}; case number ${f.caseNumber}), submitted on ${f.applied}, has been examined. ${sentence(reason, '.')}`,
    decision: (basis) => `Under ${basis ?? 'Article 32 of the Administrative Licensing Law of the People\'s Republic of China'}, this authority does not accept the application.`,
    competentOrgan: (organ) => `The matter does not fall within the powers of this authority; please apply to ${organ}.`,
    remedies: (p) =>
      `If you disagree with this decision, you may apply to ${p.organ} for administrative reconsideration within ${p.days} days, or bring an administrative lawsuit before ${p.court} within ${p.months} months, in each case from the day you receive this notice.`,
    defaultReconsiderationOrgan: "the People's Government of Wei County",
    defaultCourt: "the People's Court of Wei County",
  },
  card: {
    title: 'Time-Limit Card',
    applicantCopy: "(applicant's copy)",
    stubCopy: '(stub, kept on file)',
    acceptedBy: 'Accepted by',
    acceptedOn: 'Accepted on',
    promisedLimit: 'Promised limit',
    promisedDate: 'Promised by',
    stage: 'Stage',
    handler: 'Handled by',
    limit: 'Working days',
    dueOn: 'Due on',
    window: (window, phone) => `Window: ${window}    Supervision telephone: ${phone}`,
    complaint: (channel) => `Complaints: ${channel}`,
    note: "Note: working days only. The day of acceptance and statutory holidays are not counted, official make-up working days are; nor are special procedures required by law (hearing, testing, expert review, public notice) or the applicant's time to supplement materials. If the case is late, call the supervision telephone.",
    receipt: 'Received by the applicant (signature): ________________    Date: ____________',
    cut: '(cut along this line)',
  },
};

export function wordingFor(locale: DocumentLocale): Wording {
  return locale === 'en' ? en : zh;
}
