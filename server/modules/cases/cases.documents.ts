/**
 * The printed notices of a case, filled from the case, its item, its process and the calendar:
 * 受理通知书 and 限时办结卡 after acceptance, 一次性告知单 while materials are missing (or a correction is
 * asked for during review), 不予受理通知书 after a refusal.
 */
import { z } from 'zod';
import { countedLimitDays } from '../../../common/process';
import type { Config } from '../../config';
import type { ReadContext } from '../../platform/http/context';
import { AppError } from '../../platform/http/errors';
import { getWorkingCalendar, toShanghaiDate } from '../calendar';
import { findItemById } from '../catalog';
import { findRegion, listUnitRows } from '../org';
import { findDefinitionById } from '../processes';
import {
  renderAcceptanceNotice,
  renderCorrectionNotice,
  renderRefusalNotice,
  renderTimeLimitCard,
  type AcceptanceNoticeInput,
  type CorrectionNoticeInput,
} from '../documents';
import { accountNames, listItemMaterials, windowName } from './cases.lookups';
import { canViewCase } from './cases.policy';
import * as repo from './cases.repository';

export const DOCUMENT_KINDS = ['acceptance-notice', 'time-limit-card', 'correction-notice', 'refusal-notice'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const DocumentParams = z.object({ id: z.uuid(), kind: z.enum(DOCUMENT_KINDS) });

const TITLES: Record<DocumentKind, string> = {
  'acceptance-notice': '受理通知书',
  'time-limit-card': '限时办结卡',
  'correction-notice': '一次性告知单',
  'refusal-notice': '不予受理通知书',
};

function notAvailable(): never {
  throw new AppError('CASE_STATE', { params: { reasonZh: '该办件当前没有这份文书。', reasonEn: 'This case has no such document now.' } });
}

export async function renderCaseDocument(
  ctx: ReadContext,
  config: Config,
  caseId: string,
  kind: DocumentKind,
  locale: 'zh' | 'en',
  options: { applicantVerified?: boolean } = {},
): Promise<{ bytes: Uint8Array; fileName: string }> {
  const c = await repo.findCase(ctx.tx, caseId);
  if (!c || c.regionCode !== ctx.regionCode) throw new AppError('NOT_FOUND');
  const tasks = await repo.listTasksOfCase(ctx.tx, c.id);
  // applicantVerified: the applicant proved who they are without a session (the kiosk's ID number and phone check).
  if (!options.applicantVerified && !canViewCase(ctx.actor, c, tasks.map((t) => t.unitId), tasks.flatMap((t) => [t.assigneeId, t.completedById]))) {
    throw new AppError('NOT_FOUND');
  }

  const region = await findRegion(ctx.tx, c.regionCode);
  const units = await listUnitRows(ctx.tx, c.regionCode);
  const bureau = units.find((u) => u.kind === 'bureau');
  const organ = { name: bureau?.name ?? `${region?.name ?? ''}行政审批局`, abbreviation: `${(region?.name ?? '审').slice(0, 1)}审` };
  const applicant = {
    kind: c.applicantKind as 'person' | 'enterprise',
    name: c.applicantName,
    idNumber: c.applicantIdNumber,
    phone: c.applicantPhone || undefined,
    contactName: c.contactName ?? undefined,
  };
  const item = { name: c.itemName, code: c.itemCode };
  const appliedOn = toShanghaiDate(c.createdAt);
  const people = await accountNames(ctx.tx, [c.acceptedById, c.firstResponderId]);
  const clerk = {
    name: people.get(c.acceptedById ?? c.firstResponderId ?? '') ?? organ.name,
    window: c.windowId ? await windowName(ctx.tx, c.windowId) : '网上办事大厅',
  };
  const docLocale = locale === 'en' ? ('en' as const) : ('zh-CN' as const);
  const progress = { url: `${config.publicBaseUrl}/my/cases/${c.id}`, phone: config.organPhone };
  let bytes: Uint8Array;

  switch (kind) {
    case 'acceptance-notice': {
      if (!c.acceptedOn) notAvailable();
      const itemRow = await findItemById(ctx.tx, c.itemId);
      const catalogue = await listItemMaterials(ctx.tx, c.itemId);
      const received = (await repo.listMaterialsOfCase(ctx.tx, c.id)).filter((m) => m.status === 'received');
      const input: AcceptanceNoticeInput = {
        locale: docLocale,
        organ,
        caseNumber: c.number,
        applicant,
        item,
        appliedOn,
        acceptedOn: c.acceptedOn,
        materials: received.map((m) => {
          const cm = catalogue.find((x) => x.id === m.itemMaterialId);
          return { name: m.name, form: (cm?.form ?? 'original') as 'original', copies: Math.max(1, cm?.copies ?? 1) };
        }),
        legalLimitDays: itemRow?.legalLimitUnit === 'workday' ? itemRow.legalLimitValue : null,
        legalLimitText:
          itemRow?.legalLimitUnit === 'day'
            ? `${itemRow.legalLimitValue}日`
            : itemRow?.legalLimitUnit === 'month' || (itemRow && !itemRow.legalLimitUnit && itemRow.legalLimitNote)
              ? itemRow.legalLimitNote || `${itemRow.legalLimitValue}个月`
              : undefined,
        promisedLimitDays: c.promisedDays,
        promisedCompletionDate: c.dueDate ?? c.state.dueDate ?? c.acceptedOn,
        progress,
        clerk,
      };
      if (input.materials.length === 0) notAvailable();
      bytes = await renderAcceptanceNotice(input);
      break;
    }
    case 'time-limit-card': {
      if (!c.acceptedOn || c.promisedDays === 0) notAvailable();
      const definition = await findDefinitionById(ctx.tx, c.definitionId);
      if (!definition) throw new AppError('NOT_FOUND');
      const calendar = await getWorkingCalendar(ctx.tx, c.regionCode);
      const unitName = (code?: string) => (code ? units.find((u) => u.code === code)?.name : units.find((u) => u.id === c.executingUnitId)?.name);
      // County-wide posts: the leaders decide, the one issuing window (统一发证) makes and hands out certificates.
      const handlerOf = (role: string, code?: string) =>
        role === 'leader' ? `${organ.name}局领导` : role === 'issuer' ? '统一发证窗口' : role === 'clerk' ? clerk.window : (unitName(code) ?? organ.name);
      let elapsed = 0;
      const stages = [{ name: '受理', handler: clerk.window, limitDays: 0, dueOn: c.acceptedOn }];
      for (const step of definition.body.steps) {
        const counted = step.stages.filter((s) => s.type !== 'special');
        const stepDays = counted.length ? Math.max(...counted.map((s) => s.limitDays)) : 0;
        for (const s of step.stages) {
          const days = s.type === 'special' ? 0 : elapsed + stepDays;
          stages.push({
            name: s.type === 'special' ? `${s.name}（不计时）` : s.name,
            handler: handlerOf(s.role, s.unitCode),
            limitDays: s.limitDays,
            dueOn: calendar.addWorkingDays(c.acceptedOn, Math.min(days, countedLimitDays(definition.body))),
          });
        }
        elapsed += stepDays;
      }
      bytes = await renderTimeLimitCard({
        locale: docLocale,
        organ,
        caseNumber: c.number,
        applicant,
        item,
        acceptedOn: c.acceptedOn,
        promisedLimitDays: c.promisedDays,
        promisedCompletionDate: c.dueDate ?? c.state.dueDate ?? c.acceptedOn,
        stages: stages.slice(0, 40),
        supervision: { phone: config.supervisionPhone, complaint: `${region?.name ?? ''}政务服务网 ${config.publicBaseUrl}` },
        clerk,
      });
      break;
    }
    case 'correction-notice': {
      const materials = await repo.listMaterialsOfCase(ctx.tx, c.id);
      const catalogue = await listItemMaterials(ctx.tx, c.itemId);
      const events = await repo.listEvents(ctx.tx, c.id, false);
      const lastRequest = [...events].reverse().find((e) => e.type === 'correction_requested');
      let deficiencies: CorrectionNoticeInput['deficiencies'] = [];
      let notifiedOn = toShanghaiDate(c.updatedAt);
      if (c.phase === 'suspended' && c.state.suspension?.reason === 'correction' && lastRequest) {
        // 补正 during review: the list the reviewer gave, at once.
        const items = (lastRequest.data.items as { name: string; note: string }[] | undefined) ?? [];
        deficiencies = items.map((i) => ({ material: i.name, problem: 'defective', detail: i.note, requirement: `按要求补正后提交：${i.note}` }));
        notifiedOn = toShanghaiDate(lastRequest.at);
      } else if (c.phase === 'awaiting_materials' || c.phase === 'submitted' || c.phase === 'draft') {
        deficiencies = materials
          .filter((m) => m.status === 'missing' || m.status === 'defective')
          .map((m) => {
            const cm = catalogue.find((x) => x.id === m.itemMaterialId);
            const form = { original: '原件', copy: '复印件', original_and_copy: '原件及复印件', electronic: '电子材料' }[cm?.form ?? 'original'] ?? '原件';
            return {
              material: m.name,
              problem: m.status as 'missing' | 'defective',
              detail: m.note || (m.status === 'missing' ? '未提交' : '不符合法定形式'),
              requirement: `提交${form}${cm?.copies ?? 1}份${cm?.notes ? `（${cm.notes}）` : ''}`,
            };
          });
        const notice = [...events].reverse().find((e) => e.type === 'materials_requested');
        if (notice) notifiedOn = toShanghaiDate(notice.at);
      }
      if (deficiencies.length === 0) notAvailable();
      bytes = await renderCorrectionNotice({
        locale: docLocale,
        organ,
        caseNumber: c.number,
        applicant,
        item,
        appliedOn,
        notifiedOn,
        deficiencies,
        resubmit: { hall: `${region?.name ?? ''}市民服务中心任一综合受理窗口`, url: `${config.publicBaseUrl}/my/cases/${c.id}` },
        clerk,
      });
      break;
    }
    case 'refusal-notice': {
      if (c.phase !== 'refused' || !c.refusalReason) notAvailable();
      bytes = await renderRefusalNotice({
        locale: docLocale,
        organ,
        caseNumber: c.number,
        applicant,
        item,
        appliedOn,
        decidedOn: toShanghaiDate(c.updatedAt),
        reason: c.refusalReason,
        remedies: { reconsiderationOrgan: `${region?.name ?? ''}人民政府`, court: `${region?.name ?? ''}人民法院`, reconsiderationDays: 60, litigationMonths: 6 },
      });
      break;
    }
  }
  return { bytes, fileName: `${TITLES[kind]}-${c.number}.pdf` };
}
