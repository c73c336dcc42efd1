import type { AcceptanceNoticeInput, CorrectionNoticeInput, DocumentLocale, RefusalNoticeInput, TimeLimitCardInput } from './documents.types';

/**
 * Realistic sample data for the four documents (a food shop in 洺州镇 applying for 食品经营许可), used by the
 * tests and by scripts/render-sample-documents.ts. Names, numbers and addresses are invented.
 */

const ORGAN = { name: '威县行政审批局', abbreviation: '威审' };
const ORGAN_EN = { name: 'Wei County Administrative Approval Bureau', abbreviation: '威审' };
const ITEM = { name: '食品经营许可', code: 'WX-XK-099' };
const ITEM_EN = { name: 'Food business licence', code: 'WX-XK-099' };
const applicant = {
  kind: 'enterprise' as const,
  name: '威县洺州镇好味食品店',
  idNumber: '92130533MA0F3K2L64',
  phone: '13831912345',
  contactName: '李秀英',
};
const CLERK = { name: '张敏', window: '综合受理区 3 号窗口', phone: '0319-6123403' };
const CLERK_EN = { name: 'Zhang Min', window: 'Window 3, general acceptance area', phone: '0319-6123403' };

/** Organ, item and clerk as the case module would give them in the language asked for. */
function common(locale: DocumentLocale) {
  const en = locale === 'en';
  return { locale, organ: en ? ORGAN_EN : ORGAN, item: en ? ITEM_EN : ITEM, clerk: en ? CLERK_EN : CLERK, applicant };
}
export const SAMPLE_CASE_NUMBER = 'WX202603020001';

/** 24 materials: enough to run the acceptance notice onto a second page. */
const MATERIALS: [string, 'original' | 'copy' | 'original_and_copy' | 'electronic', number][] = [
  ['食品经营许可申请书', 'original', 1],
  ['营业执照', 'copy', 1],
  ['经营者（负责人）身份证明', 'original_and_copy', 1],
  ['委托代理人身份证明及授权委托书', 'original', 1],
  ['经营场所使用证明（房屋产权证明或租赁协议）', 'copy', 1],
  ['经营场所周边环境说明（含周边25米范围内污染源情况）', 'original', 1],
  ['经营场所平面布局图（标明粗加工区、烹饪区、清洗消毒区等功能区）', 'original', 1],
  ['主要设备设施清单及布局图', 'original', 1],
  ['食品经营操作流程说明', 'original', 1],
  ['冷藏冷冻设备清单', 'original', 1],
  ['清洗消毒设施清单', 'original', 1],
  ['防蝇、防鼠、防虫设施说明', 'original', 1],
  ['食品安全管理员任命文件', 'original', 1],
  ['食品安全管理员培训考核合格证明', 'copy', 1],
  ['从业人员健康证明（共 6 人）', 'copy', 6],
  ['从业人员食品安全知识培训记录', 'copy', 1],
  ['进货查验和记录制度', 'original', 1],
  ['从业人员健康管理制度', 'original', 1],
  ['食品安全自查制度', 'original', 1],
  ['食品召回和停止经营制度', 'original', 1],
  ['食品安全事故处置方案', 'original', 1],
  ['不合格食品处理制度', 'original', 1],
  ['食品贮存、运输管理制度', 'original', 1],
  ['申请材料真实性承诺书', 'original', 1],
];

export function sampleAcceptanceNotice(locale: DocumentLocale = 'zh-CN'): AcceptanceNoticeInput {
  return {
    ...common(locale),
    caseNumber: SAMPLE_CASE_NUMBER,
    appliedOn: '2026-03-02',
    acceptedOn: '2026-03-02',
    materials: MATERIALS.map(([name, form, copies]) => ({ name, form, copies })),
    legalLimitDays: 20,
    promisedLimitDays: 10,
    promisedCompletionDate: '2026-03-16',
    progress: { url: 'https://ywt.weixian.example/progress', phone: '0319-6123400' },
  };
}

export function sampleCorrectionNotice(locale: DocumentLocale = 'zh-CN'): CorrectionNoticeInput {
  return {
    ...common(locale),
    caseNumber: SAMPLE_CASE_NUMBER,
    appliedOn: '2026-03-02',
    notifiedOn: '2026-03-02',
    deficiencies: [
      {
        material: '经营场所使用证明（房屋产权证明或租赁协议）',
        problem: 'defective',
        detail: '所附租赁协议已于2026年1月31日到期。',
        requirement: '提供有效期内的租赁协议原件及复印件，或房屋产权证明复印件。',
      },
      {
        material: '从业人员健康证明',
        problem: 'defective',
        detail: '6名从业人员中有2人的健康证明已过有效期。',
        requirement: '提供该2人在有效期内的健康证明复印件。',
      },
      {
        material: '食品安全管理员培训考核合格证明',
        problem: 'missing',
        detail: '未提交。',
        requirement: '提供食品安全管理员培训考核合格证明复印件（加盖本店印章或经营者签字）。',
      },
      {
        material: '经营场所平面布局图',
        problem: 'defective',
        detail: '未标明粗加工区、烹饪区和清洗消毒区，未标注主要设备位置。',
        requirement: '重新绘制平面布局图，标明各功能区及主要设备位置，由经营者签字确认。',
      },
    ],
    resubmit: { hall: '威县市民服务中心任一综合受理窗口', url: 'https://ywt.weixian.example/cases', deadline: '2026-04-01' },
  };
}

export function sampleRefusalNotice(locale: DocumentLocale = 'zh-CN'): RefusalNoticeInput {
  const zh = locale !== 'en';
  return {
    ...common(locale),
    caseNumber: 'WX202603020002',
    appliedOn: '2026-03-02',
    decidedOn: '2026-03-02',
    reason: zh
      ? '你（单位）申请的经营项目仅为销售预包装食品。依照《中华人民共和国食品安全法》第三十五条的规定，仅销售预包装食品的，不需要取得食品经营许可，应当报威县市场监督管理局备案'
      : 'The business you applied for only sells prepackaged food. Under Article 35 of the Food Safety Law, selling only prepackaged food needs no food business licence; it is to be filed with the Wei County Market Regulation Administration instead',
    legalBasis: zh ? '《中华人民共和国行政许可法》第三十二条第一款第一项' : 'Article 32(1)(1) of the Administrative Licensing Law',
  };
}

export function sampleTimeLimitCard(locale: DocumentLocale = 'zh-CN'): TimeLimitCardInput {
  const zh = locale !== 'en';
  return {
    ...common(locale),
    caseNumber: SAMPLE_CASE_NUMBER,
    acceptedOn: '2026-03-02',
    promisedLimitDays: 10,
    promisedCompletionDate: '2026-03-16',
    stages: [
      { name: zh ? '受理' : 'Acceptance', handler: zh ? '综合受理窗口' : 'Acceptance window', limitDays: 0, dueOn: '2026-03-02' },
      { name: zh ? '材料审查' : 'Review of materials', handler: zh ? '文教卫事务科' : 'Culture, Education and Health Section', limitDays: 3, dueOn: '2026-03-05' },
      { name: zh ? '现场核查' : 'Site inspection', handler: zh ? '文教卫事务科核查组' : 'Inspection team', limitDays: 3, dueOn: '2026-03-10' },
      { name: zh ? '审核' : 'Section chief review', handler: zh ? '科长' : 'Section chief', limitDays: 2, dueOn: '2026-03-12' },
      { name: zh ? '审批决定' : 'Decision', handler: zh ? '分管局领导' : 'Deputy director', limitDays: 1, dueOn: '2026-03-13' },
      { name: zh ? '制证发证' : 'Certificate issued', handler: zh ? '统一发证窗口' : 'Certificate window', limitDays: 1, dueOn: '2026-03-16' },
    ],
    supervision: {
      phone: '0319-6123456',
      complaint: zh ? '威县市民服务中心网上投诉平台 https://ywt.weixian.example/complaints' : 'online complaint platform https://ywt.weixian.example/complaints',
    },
  };
}
