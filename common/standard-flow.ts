import type { ProcessingClass } from './catalog';

export interface FlowStepInfo {
  name: string;
  nameEn: string;
  description: string;
}

/**
 * The standard steps of an item by its processing class, as the public guide shows them until the item has a
 * process definition of its own: 一窗受理、内部流转、限时办结、统一发证 (R3).
 */
export function standardFlow(processingClass: ProcessingClass, promisedDays: number | null, issuesCertificate: boolean): FlowStepInfo[] {
  const apply: FlowStepInfo = { name: '申请', nameEn: 'Apply', description: '网上申报或到任一综合受理窗口提交材料。' };
  const deliver: FlowStepInfo = {
    name: issuesCertificate ? '统一发证' : '送达',
    nameEn: issuesCertificate ? 'Issue' : 'Deliver',
    description: issuesCertificate ? '在统一发证窗口领取，或选择邮寄送达。' : '结果告知申请人，可邮寄送达。',
  };
  const limit = promisedDays && promisedDays > 0 ? `，承诺${promisedDays}个工作日内办结` : '';
  switch (processingClass) {
    case '即办件':
      return [
        apply,
        { name: '受理', nameEn: 'Accept', description: '材料齐全、符合法定形式的，窗口当场受理。' },
        { name: '当场办结', nameEn: 'Decide on the spot', description: '窗口当场审核并作出决定。' },
        deliver,
      ];
    case '承诺件':
      return [
        apply,
        { name: '受理', nameEn: 'Accept', description: `材料齐全的予以受理并出具受理通知书和限时办结卡${limit}；材料不全的一次性告知。` },
        { name: '审查', nameEn: 'Review', description: '审查人员审查材料，需要时现场勘验；案件在审批局内部流转，不需申请人往返。' },
        { name: '决定', nameEn: 'Decide', description: '局领导审批，加盖审批专用章。' },
        deliver,
      ];
    case '联办件':
      return [
        apply,
        { name: '一口受理', nameEn: 'Accept once', description: `一个窗口统一受理、一次性收取材料${limit}。` },
        { name: '并联审查', nameEn: 'Parallel review', description: '相关科室同时审查，必要时联合踏勘。' },
        { name: '联合决定', nameEn: 'Joint decision', description: '汇总各科室意见后统一决定，一章多效。' },
        deliver,
      ];
  }
}
