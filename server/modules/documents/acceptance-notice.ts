import type { Block } from '../../platform/pdf/index';
import { applicantRows, documentNumberOf, headerBlocks, keyValueTable, paragraph, renderDocument, sectionHeading, signature, sizesFor } from './documents.blocks';
import { AcceptanceNoticeData, type AcceptanceNoticeInput } from './documents.types';
import { wordingFor } from './documents.wording';

/**
 * 受理通知书: the written acceptance that 行政许可法 Art. 32 requires, with the materials received, the
 * statutory and promised limits (in working days) and how to follow the case.
 */
export async function renderAcceptanceNotice(input: AcceptanceNoticeInput): Promise<Uint8Array> {
  const data = AcceptanceNoticeData.parse(input);
  const w = wordingFor(data.locale);
  const t = w.acceptance;
  const size = sizesFor(w);
  const number = documentNumberOf(w, data.organ, 'acceptance', data.caseNumber, data.acceptedOn);
  const facts = { applied: w.date(data.appliedOn), item: data.item.name, code: data.item.code, caseNumber: data.caseNumber };

  const blocks: Block[] = [
    ...headerBlocks(w, data.organ.name, t.title, number),
    paragraph(w, w.salutation(data.applicant.name), { indent: false }),
    paragraph(w, t.intro(facts)),
    sectionHeading(w, t.sectionApplication),
    keyValueTable(w, [
      [w.labels.caseNumber, data.caseNumber],
      ...applicantRows(w, data.applicant),
      [w.labels.item, data.item.name],
      [w.labels.itemCode, data.item.code],
      [t.acceptedOn, w.date(data.acceptedOn)],
    ]),
    sectionHeading(w, t.sectionMaterials(data.materials.length)),
    {
      kind: 'table',
      columns: [{ width: 0.1, align: 'center' }, { width: 0.58 }, { width: 0.2, align: 'center' }, { width: 0.12, align: 'center' }],
      header: [w.labels.number, w.labels.material, w.labels.form, w.labels.copies],
      rows: data.materials.map((m, index) => [String(index + 1), m.name, w.materialForm(m.form), String(m.copies)]),
      size: size.table,
      headerFill: 0.93,
    },
    // A heading never ends a page: it goes with what it heads.
    {
      kind: 'keepTogether',
      blocks: [
        sectionHeading(w, t.sectionLimits),
        keyValueTable(w, [
          [t.legalLimit, data.legalLimitText ?? (data.legalLimitDays === null ? w.noStatutoryLimit : w.workingDays(data.legalLimitDays))],
          [t.promisedLimit, data.promisedLimitDays === 0 ? w.onTheSpot : w.workingDays(data.promisedLimitDays)],
          [t.promisedDate, w.date(data.promisedCompletionDate)],
        ]),
      ],
    },
    paragraph(w, t.clockRules),
    { kind: 'keepTogether', blocks: [sectionHeading(w, t.sectionProgress), paragraph(w, t.progress(data.caseNumber, data.progress.url, data.progress.phone))] },
    signature(w, data.organ.name, data.acceptedOn, [paragraph(w, w.clerkLine('accepted', data.clerk), { indent: false, size: size.table })]),
  ];
  return renderDocument(w, blocks, { title: t.title, organ: data.organ.name, caseNumber: data.caseNumber, date: data.acceptedOn });
}
