import type { Block } from '../../platform/pdf/index';
import { documentNumberOf, headerBlocks, paragraph, renderDocument, signature, sizesFor } from './documents.blocks';
import { CorrectionNoticeData, type CorrectionNoticeInput } from './documents.types';
import { wordingFor } from './documents.wording';

/**
 * 一次性告知单: every missing or defective material named at once (行政许可法 Art. 32(1)(4)); the
 * application is not accepted yet and no time limit runs until it is complete.
 */
export async function renderCorrectionNotice(input: CorrectionNoticeInput): Promise<Uint8Array> {
  const data = CorrectionNoticeData.parse(input);
  const w = wordingFor(data.locale);
  const t = w.correction;
  const size = sizesFor(w);
  const number = documentNumberOf(w, data.organ, 'correction', data.caseNumber, data.notifiedOn);
  const facts = { applied: w.date(data.appliedOn), item: data.item.name, code: data.item.code, caseNumber: data.caseNumber };
  const separator = data.locale === 'en' ? ': ' : '：';

  const blocks: Block[] = [
    ...headerBlocks(w, data.organ.name, t.title, number),
    paragraph(w, w.salutation(data.applicant.name), { indent: false }),
    paragraph(w, t.intro(facts)),
    {
      kind: 'table',
      columns: [{ width: 0.09, align: 'center' }, { width: 0.27 }, { width: 0.32 }, { width: 0.32 }],
      header: [w.labels.number, w.labels.material, t.problem, t.requirement],
      rows: data.deficiencies.map((d, index) => [
        String(index + 1),
        d.material,
        `${d.problem === 'missing' ? t.missing : t.defective}${separator}${d.detail}`,
        d.requirement,
      ]),
      size: size.table,
      headerFill: 0.93,
    },
    paragraph(w, t.complete),
    paragraph(w, t.notAccepted),
    paragraph(
      w,
      t.howTo({
        hall: data.resubmit.hall,
        url: data.resubmit.url,
        caseNumber: data.caseNumber,
        documentNumber: number,
        deadline: data.resubmit.deadline ? w.date(data.resubmit.deadline) : undefined,
      }),
    ),
    signature(w, data.organ.name, data.notifiedOn, [
      paragraph(w, w.clerkLine('notified', data.clerk), { indent: false, size: size.table }),
      paragraph(w, t.receipt, { indent: false, size: size.table }),
    ]),
  ];
  return renderDocument(w, blocks, { title: t.title, organ: data.organ.name, caseNumber: data.caseNumber, date: data.notifiedOn });
}
