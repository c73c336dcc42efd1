import { maskPhone } from '../../../common/mask';
import { A4, mm, type Block, type PageSetup, type TableCell } from '../../platform/pdf/index';
import { renderDocument } from './documents.blocks';
import { TimeLimitCardData, type TimeLimitCard, type TimeLimitCardInput } from './documents.types';
import { wordingFor, type Wording } from './documents.wording';

/** Narrow margins: two cards share an A4 sheet, one on each half. */
const CARD_PAGE: PageSetup = {
  ...A4,
  margin: { top: mm(12), right: mm(18), bottom: mm(14), left: mm(18) },
  footer: A4.footer ? { ...A4.footer, size: 8, baseline: mm(7) } : undefined,
};

/**
 * 限时办结卡: the case's stages with their step limits and due dates, and where to complain. The applicant's
 * copy sits above a cut line at mid-page and the stub (kept on file, signed for by the applicant) below it;
 * a card too long for half a sheet flows on and the cut line follows it.
 */
export async function renderTimeLimitCard(input: TimeLimitCardInput): Promise<Uint8Array> {
  const data = TimeLimitCardData.parse(input);
  const w = wordingFor(data.locale);
  const blocks: Block[] = [
    { kind: 'keepTogether', blocks: card(w, data, 'applicant') },
    { kind: 'cutLine', label: w.card.cut, atMiddle: true },
    { kind: 'keepTogether', blocks: card(w, data, 'stub') },
  ];
  const meta = { title: w.card.title, organ: data.organ.name, caseNumber: data.caseNumber, date: data.acceptedOn };
  return renderDocument(w, blocks, meta, CARD_PAGE);
}

function card(w: Wording, data: TimeLimitCard, copy: 'applicant' | 'stub'): Block[] {
  const t = w.card;
  const en = w.language === 'en';
  const size = en ? 9 : 10;
  const label = (text: string): TableCell => ({ text, weight: 'bold', align: 'center' });
  const blocks: Block[] = [
    { kind: 'text', text: `${data.organ.name}${en ? ' — ' : ''}${t.title}`, size: 15, weight: 'bold', align: 'center', lineHeight: 1.4 },
    { kind: 'text', text: copy === 'applicant' ? t.applicantCopy : t.stubCopy, size: 9, align: 'center', lineHeight: 1.4 },
    {
      kind: 'table',
      columns: [{ width: 0.16 }, { width: 0.34 }, { width: 0.16 }, { width: 0.34 }],
      rows: [
        [label(w.labels.caseNumber), data.caseNumber, label(t.acceptedOn), w.date(data.acceptedOn)],
        [label(w.labels.applicant), data.applicant.name, label(w.labels.phone), maskPhone(data.applicant.phone) ?? ''],
        [label(w.labels.item), w.withCode(data.item.name, data.item.code), label(t.promisedLimit), w.workingDays(data.promisedLimitDays)],
        [label(t.promisedDate), { text: w.date(data.promisedCompletionDate), weight: 'bold' }, label(t.acceptedBy), data.clerk.name],
      ],
      size,
      spaceAfter: 4,
    },
    {
      kind: 'table',
      columns: [
        { width: 0.08, align: 'center' },
        { width: 0.24 },
        { width: 0.28 },
        { width: 0.19, align: 'center' },
        { width: 0.21, align: 'center' },
      ],
      header: [w.labels.number, t.stage, t.handler, t.limit, t.dueOn],
      rows: data.stages.map((stage, index) => [String(index + 1), stage.name, stage.handler ?? '', String(stage.limitDays), w.date(stage.dueOn)]),
      size,
      headerFill: 0.93,
      spaceAfter: 3,
    },
    { kind: 'text', text: t.window(data.clerk.window, data.supervision.phone), size, lineHeight: 1.5 },
    { kind: 'text', text: t.complaint(data.supervision.complaint), size, lineHeight: 1.5 },
    { kind: 'text', text: t.note, size: 8.5, lineHeight: 1.45, align: en ? 'left' : 'justify' },
  ];
  if (copy === 'stub') blocks.push({ kind: 'text', text: t.receipt, size, lineHeight: 1.6, spaceBefore: 6 });
  return blocks;
}
