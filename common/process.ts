/**
 * Process definitions (办理流程): declarative, versioned stage lists that the case engine runs. Shared by the
 * server (engine, storage, BPMN export) and the web app (flowchart).
 *
 * A definition is a list of steps run one after the other once a case is accepted (受理). A step holds one
 * stage, or several stages run in parallel (并联审批) and joined before the next step. Special procedures
 * (听证, 检验检测, 专家评审, 公示) are stages whose time is not counted in the case's time limit
 * (行政许可法 第四十五条).
 */
import type { StaffRole } from './roles';

export const STAGE_TYPES = ['review', 'inspection', 'special', 'decision', 'certificate', 'delivery'] as const;
export type StageType = (typeof STAGE_TYPES)[number];

/** Special procedures of 行政许可法 第四十五条: their time is excluded from the limit. */
export const SPECIAL_PROCEDURES = ['hearing', 'testing', 'expert_review', 'public_notice'] as const;
export type SpecialProcedure = (typeof SPECIAL_PROCEDURES)[number];

export const SPECIAL_PROCEDURE_LABELS: Record<SpecialProcedure, { zh: string; en: string }> = {
  hearing: { zh: '听证', en: 'Hearing' },
  testing: { zh: '检验检测', en: 'Testing' },
  expert_review: { zh: '专家评审', en: 'Expert review' },
  public_notice: { zh: '公示', en: 'Public notice' },
};

export const STAGE_TYPE_LABELS: Record<StageType, { zh: string; en: string }> = {
  review: { zh: '审查', en: 'Review' },
  inspection: { zh: '现场勘验', en: 'Site inspection' },
  special: { zh: '特别程序', en: 'Special procedure' },
  decision: { zh: '决定', en: 'Decision' },
  certificate: { zh: '制证', en: 'Certificate' },
  delivery: { zh: '送达', en: 'Delivery' },
};

export interface StageDef {
  /** Unique within the definition: lower-case letters, digits and underscores. */
  id: string;
  name: string;
  nameEn: string;
  type: StageType;
  /** For type 'special': which procedure. */
  special?: SpecialProcedure;
  /** Whose inbox the stage lands in. */
  role: StaffRole;
  /** Code of the section or unit whose staff handle it; absent: the item's executing unit. */
  unitCode?: string;
  /** Step limit in working days (for special procedures: the longest it may take; not counted in the case limit). */
  limitDays: number;
}

export interface StepDef {
  id: string;
  name: string;
  nameEn: string;
  /** One stage: sequential. Several: run in parallel and joined before the next step (并联审批). */
  stages: StageDef[];
}

export interface ProcessBody {
  steps: StepDef[];
  /** 承诺办理 (告知承诺): the applicant may commit in writing; the case is decided first and verified later (先审后验). */
  allowsCommitment: boolean;
  /** Working days after closure within which a commitment is verified. */
  verificationDays: number;
}

export interface ProcessDefinition extends ProcessBody {
  key: string;
  name: string;
  nameEn: string;
  version: number;
}

export function allStages(body: ProcessBody): StageDef[] {
  return body.steps.flatMap((s) => s.stages);
}

/** The working days a definition's counted stages add up to (special procedures excluded). */
export function countedLimitDays(body: ProcessBody): number {
  return body.steps.reduce((sum, step) => {
    const counted = step.stages.filter((s) => s.type !== 'special');
    return sum + (counted.length ? Math.max(...counted.map((s) => s.limitDays)) : 0);
  }, 0);
}

/** Structural problems of a definition, as messages; empty when it can run. */
export function checkProcessBody(body: ProcessBody): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  if (body.steps.length === 0) problems.push('a process needs at least one step');
  for (const step of body.steps) {
    if (step.stages.length === 0) problems.push(`step ${step.id} has no stage`);
    for (const stage of step.stages) {
      if (!/^[a-z][a-z0-9_]{0,39}$/.test(stage.id)) problems.push(`stage id ${stage.id} is not [a-z][a-z0-9_]*`);
      if (ids.has(stage.id)) problems.push(`stage id ${stage.id} appears twice`);
      ids.add(stage.id);
      if (stage.type === 'special' && !stage.special) problems.push(`special stage ${stage.id} names no procedure`);
      if (stage.type !== 'special' && stage.special) problems.push(`stage ${stage.id} is not special but names a procedure`);
      if (stage.limitDays < 0) problems.push(`stage ${stage.id} has a negative limit`);
    }
    if (step.stages.length > 1 && step.stages.some((s) => s.type === 'decision')) {
      problems.push(`step ${step.id}: a decision is never taken in parallel`);
    }
    if (step.stages.length > 1 && step.stages.some((s) => s.type === 'special')) {
      problems.push(`step ${step.id}: a special procedure stands alone in its step (the clock stops for the whole case)`);
    }
  }
  const decisions = body.steps.filter((s) => s.stages.some((st) => st.type === 'decision'));
  if (decisions.length !== 1) problems.push('a process has exactly one decision step');
  const decisionIndex = body.steps.findIndex((s) => s.stages.some((st) => st.type === 'decision'));
  body.steps.forEach((step, i) => {
    if (i < decisionIndex && step.stages.some((s) => s.type === 'certificate' || s.type === 'delivery')) {
      problems.push(`step ${step.id}: certificates and delivery come after the decision`);
    }
  });
  return problems;
}
