import type { z } from 'zod';
import { checkProcessBody, countedLimitDays, type ProcessBody } from '../../../common/process';
import { recordEvent } from '../../platform/audit/audit';
import type { DbOrTx } from '../../platform/db/client';
import type { ReadContext, WriteContext } from '../../platform/http/context';
import { AppError, type FieldProblem } from '../../platform/http/errors';
import { bpmnToDefinition, definitionToBpmn } from './processes.bpmn';
import * as repo from './processes.repository';
import type { DefinitionView, SaveDefinitionBody } from './processes.schemas';

/** The definition key an item's cases run. */
export function processKeyOf(item: { code: string; processKey: string | null }): string {
  return item.processKey ?? `item:${item.code}`;
}

export function presentDefinition(row: repo.DefinitionRow): z.infer<typeof DefinitionView> {
  return {
    id: row.id,
    key: row.key,
    version: row.version,
    name: row.name,
    nameEn: row.nameEn,
    body: row.body,
    note: row.note,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    countedDays: countedLimitDays(row.body),
  };
}

/** The definition a new case of this item starts with (the newest version). */
export async function currentDefinitionFor(tx: DbOrTx, regionCode: string, item: { code: string; processKey: string | null }): Promise<repo.DefinitionRow> {
  const row = await repo.findCurrentDefinition(tx, regionCode, processKeyOf(item));
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export async function getItemProcess(ctx: ReadContext, item: { id: string; code: string; processKey: string | null }) {
  const key = processKeyOf(item);
  const current = await repo.findCurrentDefinition(ctx.tx, ctx.regionCode, key);
  if (!current) throw new AppError('NOT_FOUND');
  const versions = await repo.listVersions(ctx.tx, ctx.regionCode, key);
  return {
    itemId: item.id,
    itemCode: item.code,
    key,
    current: presentDefinition(current),
    versions: versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })),
  };
}

export async function getVersion(ctx: ReadContext, key: string, version: number) {
  const row = await repo.findDefinitionVersion(ctx.tx, ctx.regionCode, key, version);
  if (!row) throw new AppError('NOT_FOUND');
  return presentDefinition(row);
}

export async function getCurrent(ctx: ReadContext, key: string) {
  const row = await repo.findCurrentDefinition(ctx.tx, ctx.regionCode, key);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/**
 * Saves an edited definition as the next version. Running cases keep theirs; new cases start on this one.
 * The stage limits may not add up to more than `promisedDays` when the item states it.
 */
export async function saveDefinition(
  ctx: WriteContext,
  key: string,
  input: z.infer<typeof SaveDefinitionBody>,
  options: { promisedDays?: number | null; knownUnitCodes: Set<string> },
): Promise<z.infer<typeof DefinitionView>> {
  const current = await repo.findCurrentDefinition(ctx.tx, ctx.regionCode, key);
  if (!current) throw new AppError('NOT_FOUND');
  if (current.version !== input.baseVersion) throw new AppError('CONFLICT');
  const body: ProcessBody = input.body;
  const problems = checkProcessBody(body).map((message) => ({ path: 'body.body', zh: message, en: message }));
  body.steps.forEach((step, i) =>
    step.stages.forEach((stage, j) => {
      if (stage.unitCode && !options.knownUnitCodes.has(stage.unitCode)) {
        problems.push({ path: `body.body.steps.${i}.stages.${j}.unitCode`, zh: `单位编码 ${stage.unitCode} 不存在。`, en: `No unit with code ${stage.unitCode}.` });
      }
    }),
  );
  if (options.promisedDays !== undefined && options.promisedDays !== null && countedLimitDays(body) > options.promisedDays) {
    problems.push({
      path: 'body.body',
      zh: `各环节时限合计 ${countedLimitDays(body)} 个工作日，超过承诺时限 ${options.promisedDays} 个工作日。`,
      en: `The stage limits add up to ${countedLimitDays(body)} working days, more than the promised ${options.promisedDays}.`,
    });
  }
  if (problems.length) throw new AppError('VALIDATION_FAILED', { fields: problems });
  const row = await repo.insertNextVersion(ctx.tx, {
    regionCode: ctx.regionCode,
    key,
    name: input.name,
    nameEn: input.nameEn,
    body,
    note: input.note,
    createdBy: ctx.actor.kind === 'account' ? ctx.actor.username : 'system',
  });
  await recordEvent(ctx.tx, ctx.audit, {
    action: 'process.version',
    subjectType: 'process',
    subjectId: key,
    before: { version: current.version },
    after: { version: row.version, steps: body.steps.map((s) => s.stages.map((st) => `${st.id}:${st.limitDays}`).join('+')) },
    detail: { note: input.note },
  });
  return presentDefinition(row);
}

/** A version as a BPMN 2.0 document, with the file name to offer it under. */
export function presentBpmn(row: repo.DefinitionRow): { xml: string; fileName: string } {
  return {
    xml: definitionToBpmn({ key: row.key, name: row.name, nameEn: row.nameEn, version: row.version, body: row.body }),
    fileName: `${row.key.replace(/[^A-Za-z0-9-]/g, '-')}-v${row.version}.bpmn`,
  };
}

export async function getVersionBpmn(ctx: ReadContext, key: string, version: number) {
  const row = await repo.findDefinitionVersion(ctx.tx, ctx.regionCode, key, version);
  if (!row) throw new AppError('NOT_FOUND');
  return presentBpmn(row);
}

/**
 * Saves a BPMN 2.0 document as the next version, through saveDefinition: the same rules, audit entry and
 * 409 on a stale base version. Its problems name the task or process they concern (`bpmn.task.review.unitCode`).
 */
export async function importBpmn(
  ctx: WriteContext,
  key: string,
  xml: string,
  input: { baseVersion: number; note: string },
  options: { promisedDays?: number | null; knownUnitCodes: Set<string> },
): Promise<z.infer<typeof DefinitionView>> {
  const current = await repo.findCurrentDefinition(ctx.tx, ctx.regionCode, key);
  if (!current) throw new AppError('NOT_FOUND');
  const imported = await bpmnToDefinition(xml);
  try {
    return await saveDefinition(ctx, key, { ...imported, note: input.note || 'BPMN 导入 Imported from BPMN', baseVersion: input.baseVersion }, options);
  } catch (err) {
    if (err instanceof AppError && err.code === 'VALIDATION_FAILED' && err.fields) {
      throw new AppError('VALIDATION_FAILED', { fields: err.fields.map((f) => onBpmn(f, imported.body)) });
    }
    throw err;
  }
}

/** `body.body.steps.1.stages.0.unitCode` → `bpmn.task.<stage id>.unitCode`; `body.body` → `bpmn.process`. */
function onBpmn(problem: FieldProblem, body: ProcessBody): FieldProblem {
  const match = /^body\.body\.steps\.(\d+)\.stages\.(\d+)(\..+)?$/.exec(problem.path);
  const stage = match ? body.steps[Number(match[1])]?.stages[Number(match[2])] : undefined;
  if (stage) return { ...problem, path: `bpmn.task.${stage.id}${match?.[3] ?? ''}` };
  return { ...problem, path: problem.path.replace(/^body\.body/, 'bpmn.process') };
}
