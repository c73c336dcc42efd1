/**
 * The four re-engineered flows of the seed document (R10: 企业设立登记流程图、企业投资项目审批流程图、
 * 政府投资项目审批流程图、企业设立"一照一码"办理流程图), each sub-step with a compressed time limit, as process
 * definitions. Section codes are those of server/db/seed/data/org.json.
 */
import type { ProcessBody } from '../../../common/process';

export interface FlowDefinition {
  key: string;
  name: string;
  nameEn: string;
  /** Items whose cases run this flow. */
  itemCodes: string[];
  body: ProcessBody;
}

export const R10_FLOWS: FlowDefinition[] = [
  {
    key: 'flow:enterprise-establishment',
    name: '企业设立登记流程',
    nameEn: 'Enterprise establishment registration',
    itemCodes: ['WX-XK-098'],
    body: {
      allowsCommitment: false,
      verificationDays: 0,
      steps: [
        {
          id: 'check',
          name: '名称与材料核验',
          nameEn: 'Name and document check',
          stages: [{ id: 'name_check', name: '名称与材料核验', nameEn: 'Name and document check', type: 'review', role: 'reviewer', unitCode: 'SEC-SCZR', limitDays: 1 }],
        },
        {
          id: 'review',
          name: '登记审查',
          nameEn: 'Registration review',
          stages: [{ id: 'registration_review', name: '登记审查', nameEn: 'Registration review', type: 'review', role: 'reviewer', unitCode: 'SEC-SCZR', limitDays: 2 }],
        },
        {
          id: 'confirm',
          name: '科长复核',
          nameEn: 'Chief\'s check',
          stages: [{ id: 'chief_check', name: '科长复核', nameEn: 'Chief\'s check', type: 'review', role: 'chief', unitCode: 'SEC-SCZR', limitDays: 1 }],
        },
        { id: 'decide', name: '核准登记', nameEn: 'Registration decision', stages: [{ id: 'decision', name: '核准登记', nameEn: 'Registration decision', type: 'decision', role: 'leader', limitDays: 1 }] },
        { id: 'licence', name: '制发营业执照', nameEn: 'Licence', stages: [{ id: 'certificate', name: '制发营业执照', nameEn: 'Print the licence', type: 'certificate', role: 'issuer', limitDays: 1 }] },
        { id: 'deliver', name: '统一发证', nameEn: 'Issue', stages: [{ id: 'delivery', name: '统一发证', nameEn: 'Issue at the counter or by post', type: 'delivery', role: 'issuer', limitDays: 1 }] },
      ],
    },
  },
  {
    key: 'flow:one-licence-one-code',
    name: '企业设立"一照一码"办理流程',
    nameEn: 'One licence, one code',
    itemCodes: ['WX-XK-096'],
    body: {
      allowsCommitment: false,
      verificationDays: 0,
      // 当场登记 (市场主体登记管理条例 第十九条): every sub-step is done on the day of acceptance.
      steps: [
        { id: 'review', name: '登记审查', nameEn: 'Registration review', stages: [{ id: 'registration_review', name: '登记审查', nameEn: 'Registration review', type: 'review', role: 'reviewer', unitCode: 'SEC-SCZR', limitDays: 0 }] },
        {
          id: 'share',
          name: '赋码与信息共享（三证合一）',
          nameEn: 'Code and data sharing (three in one)',
          stages: [
            { id: 'credit_code', name: '统一社会信用代码赋码', nameEn: 'Assign the credit code', type: 'review', role: 'reviewer', unitCode: 'CTR-SPXX', limitDays: 0 },
            { id: 'tax_share', name: '税务登记信息确认', nameEn: 'Tax registration data', type: 'review', role: 'reviewer', unitCode: 'SEC-SWSP', limitDays: 0 },
          ],
        },
        { id: 'decide', name: '核准登记', nameEn: 'Registration decision', stages: [{ id: 'decision', name: '核准登记', nameEn: 'Registration decision', type: 'decision', role: 'leader', limitDays: 0 }] },
        { id: 'licence', name: '制发营业执照', nameEn: 'Licence', stages: [{ id: 'certificate', name: '制发载有统一社会信用代码的营业执照', nameEn: 'Print the licence with the credit code', type: 'certificate', role: 'issuer', limitDays: 0 }] },
        { id: 'deliver', name: '统一发证', nameEn: 'Issue', stages: [{ id: 'delivery', name: '统一发证', nameEn: 'Issue', type: 'delivery', role: 'issuer', limitDays: 0 }] },
      ],
    },
  },
  {
    key: 'flow:enterprise-investment',
    name: '企业投资项目审批流程',
    nameEn: 'Enterprise investment project approval',
    itemCodes: ['WX-XK-001'],
    body: {
      allowsCommitment: false,
      verificationDays: 0,
      steps: [
        { id: 'review', name: '核准审查', nameEn: 'Review', stages: [{ id: 'project_review', name: '项目核准审查', nameEn: 'Project review', type: 'review', role: 'reviewer', unitCode: 'SEC-TZXM', limitDays: 2 }] },
        {
          id: 'opinions',
          name: '并联征求意见',
          nameEn: 'Parallel opinions',
          stages: [
            { id: 'land_opinion', name: '用地预审与选址意见', nameEn: 'Land and siting opinion', type: 'review', role: 'reviewer', unitCode: 'SEC-JSGC', limitDays: 3 },
            { id: 'energy_opinion', name: '节能审查意见', nameEn: 'Energy-saving opinion', type: 'review', role: 'reviewer', unitCode: 'SEC-TZXM', limitDays: 3 },
            { id: 'water_opinion', name: '水土保持与环境意见', nameEn: 'Soil, water and environment opinion', type: 'review', role: 'reviewer', unitCode: 'SEC-NLS', limitDays: 3 },
          ],
        },
        { id: 'survey', name: '联合踏勘', nameEn: 'Joint site survey', stages: [{ id: 'joint_survey', name: '联合踏勘', nameEn: 'Joint site survey', type: 'inspection', role: 'reviewer', unitCode: 'SEC-TZXM', limitDays: 1 }] },
        {
          id: 'assessment',
          name: '委托评估',
          nameEn: 'Commissioned assessment',
          // 企业投资项目核准和备案管理条例 第十条: 评估 by a consulting body; its time is not counted.
          stages: [{ id: 'assessment', name: '委托咨询评估', nameEn: 'Commissioned assessment', type: 'special', special: 'expert_review', role: 'reviewer', unitCode: 'SEC-TZXM', limitDays: 30 }],
        },
        { id: 'check', name: '科长复核', nameEn: 'Chief\'s check', stages: [{ id: 'chief_check', name: '科长复核', nameEn: 'Chief\'s check', type: 'review', role: 'chief', unitCode: 'SEC-TZXM', limitDays: 1 }] },
        { id: 'decide', name: '核准决定', nameEn: 'Decision', stages: [{ id: 'decision', name: '核准决定', nameEn: 'Decision', type: 'decision', role: 'leader', limitDays: 1 }] },
        { id: 'document', name: '印发核准文件', nameEn: 'Approval document', stages: [{ id: 'certificate', name: '印发核准文件', nameEn: 'Issue the approval document', type: 'certificate', role: 'issuer', limitDays: 1 }] },
        { id: 'deliver', name: '送达', nameEn: 'Delivery', stages: [{ id: 'delivery', name: '送达', nameEn: 'Delivery', type: 'delivery', role: 'issuer', limitDays: 1 }] },
      ],
    },
  },
  {
    key: 'flow:government-investment',
    name: '政府投资项目审批流程',
    nameEn: 'Government investment project approval',
    itemCodes: ['WX-QT-001'],
    body: {
      allowsCommitment: false,
      verificationDays: 0,
      steps: [
        { id: 'review', name: '项目审查', nameEn: 'Review', stages: [{ id: 'project_review', name: '项目建议书/可研审查', nameEn: 'Proposal review', type: 'review', role: 'reviewer', unitCode: 'SEC-TZXM', limitDays: 3 }] },
        {
          id: 'opinions',
          name: '并联审查',
          nameEn: 'Parallel review',
          stages: [
            { id: 'land_opinion', name: '用地与规划意见', nameEn: 'Land and planning opinion', type: 'review', role: 'reviewer', unitCode: 'SEC-JSGC', limitDays: 4 },
            { id: 'env_opinion', name: '环境与水保意见', nameEn: 'Environment opinion', type: 'review', role: 'reviewer', unitCode: 'SEC-NLS', limitDays: 4 },
            { id: 'funding_opinion', name: '资金与概算审核', nameEn: 'Funding and estimate', type: 'review', role: 'reviewer', unitCode: 'SEC-ZCFG', limitDays: 4 },
          ],
        },
        {
          id: 'assessment',
          name: '专家评审',
          nameEn: 'Expert review',
          // 政府投资条例 第十一条: the approving body commissions an assessment; its time is not counted.
          stages: [{ id: 'expert_review', name: '工程咨询机构评估', nameEn: 'Engineering consultancy assessment', type: 'special', special: 'expert_review', role: 'reviewer', unitCode: 'SEC-TZXM', limitDays: 20 }],
        },
        { id: 'check', name: '科长复核', nameEn: 'Chief\'s check', stages: [{ id: 'chief_check', name: '科长复核', nameEn: 'Chief\'s check', type: 'review', role: 'chief', unitCode: 'SEC-TZXM', limitDays: 2 }] },
        { id: 'decide', name: '审批决定', nameEn: 'Decision', stages: [{ id: 'decision', name: '审批决定', nameEn: 'Decision', type: 'decision', role: 'leader', limitDays: 2 }] },
        { id: 'document', name: '印发批复', nameEn: 'Approval', stages: [{ id: 'certificate', name: '印发批复文件', nameEn: 'Issue the approval', type: 'certificate', role: 'issuer', limitDays: 1 }] },
        { id: 'deliver', name: '送达', nameEn: 'Delivery', stages: [{ id: 'delivery', name: '送达', nameEn: 'Delivery', type: 'delivery', role: 'issuer', limitDays: 1 }] },
      ],
    },
  },
];
