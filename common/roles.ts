/**
 * The roles of OneWindow. The English code is the demo account's user name as well.
 */
export const ROLES = [
  'applicant', // 申请人（自然人或法人，实名）
  'clerk', // 综合窗口受理人员
  'reviewer', // 审查人员
  'chief', // 科长
  'leader', // 局领导
  'issuer', // 制证发证人员
  'agent', // 代办员
  'intermediary', // 中介机构
  'regulator', // 行业主管部门（监管）用户
  'supervisor', // 监督人员（纪检、电子监察）
  'manager', // 市民服务中心管理人员
  'township', // 乡镇便民服务中心人员
  'county', // 县领导
  'admin', // 系统管理员
] as const;

export type Role = (typeof ROLES)[number];

export type StaffRole = Exclude<Role, 'applicant'>;
export const STAFF_ROLES = ROLES.filter((r): r is StaffRole => r !== 'applicant');

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  applicant: { zh: '申请人', en: 'Applicant' },
  clerk: { zh: '窗口受理人员', en: 'Window clerk' },
  reviewer: { zh: '审查人员', en: 'Reviewer' },
  chief: { zh: '科长', en: 'Section chief' },
  leader: { zh: '局领导', en: 'Bureau leader' },
  issuer: { zh: '制证发证人员', en: 'Certificate issuer' },
  agent: { zh: '代办员', en: 'Agent' },
  intermediary: { zh: '中介机构', en: 'Intermediary' },
  regulator: { zh: '行业主管部门', en: 'Regulator' },
  supervisor: { zh: '监督人员', en: 'Supervisor' },
  manager: { zh: '中心管理人员', en: 'Centre manager' },
  township: { zh: '乡镇便民服务中心', en: 'Township clerk' },
  county: { zh: '县领导', en: 'County leader' },
  admin: { zh: '系统管理员', en: 'Administrator' },
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
