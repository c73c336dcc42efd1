/**
 * The default process of an item, derived from its catalogue entry: processing class, promised limit, executing
 * unit and the special procedures its law requires. Administrators refine it afterwards (a new version).
 *
 *   即办件  decided on the spot at the window (one decision step, 0 days)
 *   承诺件  审查 → (现场勘验) → 复核 → (特别程序) → 决定 → (制证) → 送达, limits sharing the promised days
 *   联办件  审查 by the executing section in parallel with the partner sections, then as 承诺件
 */
import type { ProcessBody, SpecialProcedure, StageDef, StepDef } from '../../../common/process';
import { countedLimitDays } from '../../../common/process';

export interface ItemForProcess {
  code: string;
  name: string;
  scope: 'bureau' | 'center';
  processingClass: '即办件' | '承诺件' | '联办件';
  promisedLimitDays: number | null;
  maxVisits: number;
  resultName: string;
  executingUnitCode: string;
}

/** Items whose premises or works are inspected on site before the decision (现场勘验/核查). */
const SITE_INSPECTION = /场所|经营|生产|建设|工程|建筑|执业|医疗|学校|幼儿园|养老|娱乐|旅馆|食品|药品|仓储|加油|燃气|危险|采伐|林木|取水|河道|堤防|防空|广告|占用|挖掘|设施|诊所|培训|站|场|点/;

/** Special procedures the item's law requires (行政许可法 第四十五条: their time is not counted). */
const SPECIAL_BY_ITEM: Record<string, { procedure: SpecialProcedure; name: string; nameEn: string; days: number }[]> = {
  // 环境影响评价法 第二十二条 and 环境影响评价公众参与办法: technical review and public notice before approval.
  'WX-XK-030': [
    { procedure: 'expert_review', name: '技术评估', nameEn: 'Technical assessment', days: 20 },
    { procedure: 'public_notice', name: '拟审批公示', nameEn: 'Public notice before approval', days: 5 },
  ],
  // 城乡规划法 第四十条 and local rules: 批前公示 of the site plan.
  'WX-XK-024': [{ procedure: 'public_notice', name: '规划批前公示', nameEn: 'Public notice of the plan', days: 7 }],
  'WX-XK-025': [{ procedure: 'public_notice', name: '规划批前公示', nameEn: 'Public notice of the plan', days: 7 }],
  // 行政许可法 第四十六条: hearings for matters of major public interest, e.g. changes to green space use.
  'WX-XK-047': [{ procedure: 'hearing', name: '听证', nameEn: 'Hearing', days: 10 }],
  // 特种设备安全法: 作业人员考试 by an examination body.
  'WX-XK-101': [{ procedure: 'testing', name: '考试与考核', nameEn: 'Examination', days: 15 }],
  // 母婴保健法实施办法 第三十五条: 考核 of the applicant's skills before the qualification.
  'WX-XK-094': [{ procedure: 'testing', name: '技术考核', nameEn: 'Skills examination', days: 15 }],
};

/** Partner sections of joint items (联办件), by the departments the law names. */
const PARTNERS_BY_ITEM: Record<string, string[]> = {
  'WX-XK-006': ['SEC-SHSW', 'SEC-ZCFG'], // 校车服务提供者: education with police traffic and transport (校车安全管理条例 第十四条)
  'WX-XK-022': ['SEC-JSGC'], // 用地预审 (land) and 选址 (planning): two departments in 2014
  'WX-XK-038': ['SEC-WJW'], // 历史建筑: planning with cultural heritage (文物)
  'WX-XK-040': ['SEC-SHSW'], // 占用挖掘城市道路: municipal works with police traffic
  'WX-XK-054': ['SEC-SHSW'], // 公路: highways with police traffic
  'WX-XK-084': ['SEC-WJW'], // 文物保护单位建设控制地带: heritage with planning
};

const DEFAULT_PARTNER = 'SEC-ZCFG';

/** Splits `total` working days over weights, each part at least `min`, the parts summing to at most `total`. */
function share(total: number, weights: number[], min = 0): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.max(min, Math.floor((total * w) / sum)));
  let over = parts.reduce((a, b) => a + b, 0) - total;
  for (let i = 0; over > 0 && i < parts.length * 4; i++) {
    const j = parts.length - 1 - (i % parts.length);
    if (parts[j]! > min) {
      parts[j]!--;
      over--;
    }
  }
  let under = total - parts.reduce((a, b) => a + b, 0);
  for (let j = 0; under > 0; j = (j + 1) % parts.length, under--) parts[j]!++;
  return parts;
}

function stage(s: StageDef): StepDef {
  return { id: s.id, name: s.name, nameEn: s.nameEn, stages: [s] };
}

export function generateProcess(item: ItemForProcess): ProcessBody {
  const unit = item.executingUnitCode;
  const promised = item.promisedLimitDays ?? 0;
  const issues = item.resultName !== '';
  if (item.processingClass === '即办件' || promised === 0) {
    return {
      allowsCommitment: false,
      verificationDays: 0,
      // Any comprehensive window decides it (无差别受理): the stage belongs to no section.
      steps: [stage({ id: 'decision', name: '当场办结', nameEn: 'Decided on the spot', type: 'decision', role: 'clerk', limitDays: 0 })],
    };
  }
  const inspect = item.maxVisits >= 2 || (item.scope === 'bureau' && SITE_INSPECTION.test(item.name));
  // Review, inspection, chief's check, decision, certificate: the decision and the certificate take a day each
  // when there is room, the rest goes to the review work.
  const tail = promised >= 6 ? [1, issues ? 1 : 0] : [0, 0];
  const work = promised - tail[0]! - tail[1]!;
  const [review, inspection, check] = inspect ? share(work, [5, 3, 2]) : ((([r, c]) => [r, 0, c])(share(work, [7, 3])) as number[]);

  const steps: StepDef[] = [];
  const reviewStage: StageDef = { id: 'review', name: '审查', nameEn: 'Review', type: 'review', role: 'reviewer', unitCode: unit, limitDays: review! };
  if (item.processingClass === '联办件') {
    const partners = PARTNERS_BY_ITEM[item.code] ?? [DEFAULT_PARTNER];
    steps.push({
      id: 'joint_review',
      name: '并联审查',
      nameEn: 'Joint review',
      stages: [
        reviewStage,
        ...partners
          .filter((p) => p !== unit)
          .map((p, i): StageDef => ({ id: `joint_${i + 1}`, name: '会同审查', nameEn: 'Joint review', type: 'review', role: 'reviewer', unitCode: p, limitDays: review! })),
      ],
    });
  } else {
    steps.push(stage(reviewStage));
  }
  if (inspect) steps.push(stage({ id: 'inspection', name: '现场勘验', nameEn: 'Site inspection', type: 'inspection', role: 'reviewer', unitCode: unit, limitDays: inspection! }));
  steps.push(stage({ id: 'check', name: '科长复核', nameEn: 'Chief\'s check', type: 'review', role: 'chief', unitCode: unit, limitDays: check! }));
  for (const [i, sp] of (SPECIAL_BY_ITEM[item.code] ?? []).entries()) {
    steps.push(stage({ id: `special_${i + 1}`, name: sp.name, nameEn: sp.nameEn, type: 'special', special: sp.procedure, role: 'reviewer', unitCode: unit, limitDays: sp.days }));
  }
  const decider = item.scope === 'bureau' ? 'leader' : 'chief';
  steps.push(stage({ id: 'decision', name: '审批决定', nameEn: 'Decision', type: 'decision', role: decider, ...(decider === 'chief' ? { unitCode: unit } : {}), limitDays: tail[0]! }));
  if (issues) steps.push(stage({ id: 'certificate', name: '制证', nameEn: 'Certificate', type: 'certificate', role: 'issuer', limitDays: tail[1]! }));
  steps.push(stage({ id: 'delivery', name: '统一发证（送达）', nameEn: 'Issue and delivery', type: 'delivery', role: 'issuer', limitDays: 0 }));
  const body: ProcessBody = { allowsCommitment: COMMITMENT_ITEMS.has(item.code), verificationDays: COMMITMENT_ITEMS.has(item.code) ? 20 : 0, steps };
  if (countedLimitDays(body) > promised) throw new Error(`${item.code}: stage limits ${countedLimitDays(body)} exceed the promise ${promised}`);
  return body;
}

/**
 * Items where the county accepts the applicant's written commitment (告知承诺制) and verifies afterwards
 * (先审后验, R17): licences for premises where the conditions can be checked after the decision.
 */
export const COMMITMENT_ITEMS = new Set([
  'WX-XK-099', // 食品经营许可
  'WX-XK-088', // 公共场所卫生许可
  'WX-XK-051', // 巡游出租汽车经营许可
  'WX-XK-050', // 道路货物运输经营许可
  'WX-XK-018', // 劳务派遣经营许可
  'WX-XK-019', // 经营性人力资源服务机构从事职业中介活动许可
]);
