import type { Block } from '../../platform/pdf/index';
import { documentNumberOf, headerBlocks, paragraph, renderDocument, signature } from './documents.blocks';
import { RefusalNoticeData, type RefusalNoticeInput } from './documents.types';
import { wordingFor } from './documents.wording';

/**
 * 不予受理通知书: the reason, the legal basis and the applicant's remedies — 行政复议 within 60 days
 * (行政复议法) or 行政诉讼 within 6 months (行政诉讼法 Art. 46), to the county government and court unless the
 * data names others.
 */
export async function renderRefusalNotice(input: RefusalNoticeInput): Promise<Uint8Array> {
  const data = RefusalNoticeData.parse(input);
  const w = wordingFor(data.locale);
  const t = w.refusal;
  const number = documentNumberOf(w, data.organ, 'refusal', data.caseNumber, data.decidedOn);
  const facts = { applied: w.date(data.appliedOn), item: data.item.name, code: data.item.code, caseNumber: data.caseNumber };
  const remedies = t.remedies({
    days: data.remedies.reconsiderationDays,
    organ: data.remedies.reconsiderationOrgan ?? t.defaultReconsiderationOrgan,
    months: data.remedies.litigationMonths,
    court: data.remedies.court ?? t.defaultCourt,
  });

  const decision = [t.intro(facts, data.reason), t.decision(data.legalBasis)].join(data.locale === 'en' ? ' ' : '');
  const blocks: Block[] = [
    ...headerBlocks(w, data.organ.name, t.title, number),
    paragraph(w, w.salutation(data.applicant.name), { indent: false }),
    paragraph(w, decision),
  ];
  if (data.competentOrgan) blocks.push(paragraph(w, t.competentOrgan(data.competentOrgan)));
  blocks.push(signature(w, data.organ.name, data.decidedOn, [paragraph(w, remedies)]));
  return renderDocument(w, blocks, { title: t.title, organ: data.organ.name, caseNumber: data.caseNumber, date: data.decidedOn });
}
