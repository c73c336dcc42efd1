/** The timeline of a case in words, Chinese first, English second. */
import { SPECIAL_PROCEDURE_LABELS, type SpecialProcedure } from '../../../common/process';

type Locale = 'zh' | 'en';

const REASONS: Record<string, { zh: string; en: string }> = {
  correction: { zh: '申请人补正材料', en: 'the applicant\'s correction' },
  ...SPECIAL_PROCEDURE_LABELS,
};

function reasonText(reason: unknown, locale: Locale): string {
  const r = REASONS[String(reason)];
  return r ? r[locale] : String(reason);
}

const OUTCOMES: Record<string, { zh: string; en: string }> = {
  approve: { zh: '同意', en: 'approved' },
  return: { zh: '退回', en: 'returned' },
  reject: { zh: '不同意', en: 'rejected' },
};

/** Stage names by stage id, from the case's process definition. */
export type StageNames = Map<string, { name: string; nameEn: string }>;

export function stageNamesOf(body: { steps: { stages: { id: string; name: string; nameEn: string }[] }[] } | undefined): StageNames {
  return new Map((body?.steps ?? []).flatMap((step) => step.stages.map((st) => [st.id, { name: st.name, nameEn: st.nameEn }] as const)));
}

export function describeEvent(e: { type: string; data: Record<string, unknown> }, locale: Locale, stages: StageNames = new Map()): string {
  const d = e.data;
  const zh = locale === 'zh';
  const stage = (id: unknown) => {
    const s = stages.get(String(id));
    return s ? (zh ? s.name : s.nameEn) : String(id);
  };
  switch (e.type) {
    case 'submitted':
      return zh ? '申请已提交，等待窗口受理（网上预审）。' : 'Application submitted; waiting for acceptance (online pre-review).';
    case 'materials_checked': {
      const missing = (d.missing as { name: string }[] | undefined) ?? [];
      return zh
        ? `核验申请材料：收到 ${String(d.received ?? 0)} 项${missing.length ? `，缺少或需更正 ${missing.length} 项（${missing.map((m) => m.name).join('、')}）` : ''}。`
        : `Materials checked: ${String(d.received ?? 0)} received${missing.length ? `, ${missing.length} missing or to correct` : ''}.`;
    }
    case 'materials_requested':
      return zh ? '已出具一次性告知单，请补齐材料后再次提交；受理前不计时。' : 'One-time notice issued; complete the materials and submit again. The clock has not started.';
    case 'materials_completed':
      return zh ? '申请人已补齐材料并重新提交。' : 'The applicant completed the materials and resubmitted.';
    case 'accepted':
      return zh
        ? `已受理${d.commitment ? '（告知承诺办理）' : ''}，承诺办结日期 ${String(d.dueDate)}。`
        : `Accepted${d.commitment ? ' on the applicant\'s commitment' : ''}; promised completion ${String(d.dueDate)}.`;
    case 'refused':
      return zh ? '不予受理。' : 'Not accepted.';
    case 'refusal_reason':
      return zh ? `不予受理理由：${String(d.reason)}` : `Reason for not accepting: ${String(d.reason)}`;
    case 'stage_opened':
      return zh ? `「${stage(d.stageId)}」开始办理，环节时限至 ${String(d.dueDate)}。` : `${stage(d.stageId)} opened, due ${String(d.dueDate)}.`;
    case 'stage_completed':
      return zh ? `「${stage(d.stageId)}」办理完毕（${OUTCOMES[String(d.outcome)]?.zh ?? ''}）。` : `${stage(d.stageId)} done (${OUTCOMES[String(d.outcome)]?.en ?? ''}).`;
    case 'opinion':
      return zh ? `${String(d.stage)}：${OUTCOMES[String(d.outcome)]?.zh ?? ''}。意见：${String(d.opinion)}` : `${String(d.stage)}: ${OUTCOMES[String(d.outcome)]?.en ?? ''}. Opinion: ${String(d.opinion)}`;
    case 'returned':
      return zh ? '退回上一环节重新办理。' : 'Returned to the previous step.';
    case 'denial_proposed':
      return zh ? '审查意见为拟不予许可，提交局领导决定。' : 'The review proposes a denial; the leader decides.';
    case 'suspended':
      return zh ? `因${reasonText(d.reason, locale)}暂停计时。` : `Clock stopped for ${reasonText(d.reason, locale)}.`;
    case 'resumed':
      return zh
        ? `${reasonText(d.reason, locale)}结束，恢复计时；不计入时限 ${String(d.days)} 个工作日，办结日期调整为 ${String(d.dueDate)}。`
        : `${reasonText(d.reason, locale)} ended; the clock runs again. ${String(d.days)} working days not counted; due ${String(d.dueDate)}.`;
    case 'correction_requested': {
      const items = (d.items as { name: string; note: string }[] | undefined) ?? [];
      return zh
        ? `请申请人一次性补正以下材料：${items.map((i) => `${i.name}（${i.note}）`).join('；')}。补正期间暂停计时。`
        : `Please correct, at once: ${items.map((i) => `${i.name} (${i.note})`).join('; ')}. The clock stops meanwhile.`;
    }
    case 'correction_received_note':
      return zh ? `已收到补正材料${d.note ? `：${String(d.note)}` : '。'}` : `Corrected materials received${d.note ? `: ${String(d.note)}` : '.'}`;
    case 'special_note':
      return zh
        ? `启动${SPECIAL_PROCEDURE_LABELS[d.procedure as SpecialProcedure]?.zh ?? ''}程序：${String(d.note)}（所需时间不计入办理时限）`
        : `${SPECIAL_PROCEDURE_LABELS[d.procedure as SpecialProcedure]?.en ?? ''} started: ${String(d.note)} (not counted in the limit)`;
    case 'special_result':
      return zh ? `特别程序结束：${String(d.note)}` : `Special procedure ended: ${String(d.note)}`;
    case 'extension_requested':
      return zh ? `申请延期：${String(d.reason)}` : `Extension requested: ${String(d.reason)}`;
    case 'extended':
      return zh
        ? `经局领导批准延长 ${String(d.days)} 个工作日，办结日期调整为 ${String(d.dueDate)}。延期理由：${String(d.reason)}`
        : `Extended by ${String(d.days)} working days with the leader's approval; due ${String(d.dueDate)}. Reason: ${String(d.reason)}`;
    case 'extension_denied':
      return zh ? '延期申请未获批准。' : 'The extension was not approved.';
    case 'decided':
      return d.decision === 'approved' ? (zh ? '作出准予许可决定。' : 'Decision: approved.') : zh ? '作出不予许可决定。' : 'Decision: denied.';
    case 'closed':
      return zh ? '已办结。' : 'Closed.';
    case 'withdrawn':
      return zh ? '申请人撤回申请。' : 'The applicant withdrew the application.';
    case 'withdraw_reason':
      return zh ? `撤回理由：${String(d.reason)}` : `Reason: ${String(d.reason)}`;
    case 'verified':
    case 'verification_result':
      return d.confirmed
        ? zh
          ? `承诺事项核查通过${d.opinion ? `：${String(d.opinion)}` : '。'}`
          : `Commitment verified${d.opinion ? `: ${String(d.opinion)}` : '.'}`
        : zh
          ? `承诺事项核查未通过${d.opinion ? `：${String(d.opinion)}` : '。'}`
          : `Commitment not confirmed${d.opinion ? `: ${String(d.opinion)}` : '.'}`;
    case 'certificate_issued':
      return zh
        ? `已签发电子证照《${String(d.title)}》，编号 ${String(d.displayNumber)}，可在“我的证照”查看或扫码核验。`
        : `E-certificate "${String(d.title)}" issued, No. ${String(d.displayNumber)}.`;
    case 'task_claimed':
      return zh ? `签收任务「${String(d.task)}」。` : `Claimed "${String(d.task)}".`;
    default:
      return e.type;
  }
}
