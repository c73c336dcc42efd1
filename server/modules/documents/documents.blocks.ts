import { maskPhone, maskSubjectNumber } from '../../../common/mask';
import { A4, renderPdf, type Block, type PageSetup, type TableBlock } from '../../platform/pdf/index';
import type { ApplicantData, OrganData } from './documents.types';
import type { DocumentKind, Wording } from './documents.wording';

/**
 * Type sizes in points, after Chinese official practice: 二号 title, 四号 body, 小四 tables. English runs
 * longer, so it is set a size smaller.
 */
export interface Sizes {
  organ: number;
  title: number;
  body: number;
  table: number;
  small: number;
  /** Share of a key/value table taken by the labels. */
  labelShare: number;
}

const ZH_SIZES: Sizes = { organ: 20, title: 24, body: 14, table: 12, small: 10, labelShare: 0.28 };
const EN_SIZES: Sizes = { organ: 16, title: 20, body: 12, table: 11, small: 9.5, labelShare: 0.32 };

export function sizesFor(w: Wording): Sizes {
  return w.language === 'en' ? EN_SIZES : ZH_SIZES;
}

/** Organ name, title and (for notices) the document number, centred at the top of the first page. */
export function headerBlocks(w: Wording, organName: string, title: string, documentNumber?: string): Block[] {
  const size = sizesFor(w);
  const blocks: Block[] = [
    { kind: 'text', text: organName, size: size.organ, weight: 'bold', align: 'center', lineHeight: 1.5 },
    // Chinese titles are spaced out a little; English ones are not.
    { kind: 'text', text: title, size: size.title, weight: 'bold', align: 'center', lineHeight: 1.6, letterSpacing: w.language === 'en' ? 0 : 0.25 },
  ];
  if (documentNumber) blocks.push({ kind: 'text', text: documentNumber, size: size.body, align: 'center', lineHeight: 1.8 });
  blocks.push({ kind: 'space', height: 6 });
  return blocks;
}

export function paragraph(w: Wording, text: string, options: { indent?: boolean; size?: number; spaceAfter?: number } = {}): Block {
  return {
    kind: 'text',
    text,
    size: options.size ?? sizesFor(w).body,
    indent: options.indent === false ? 0 : 2,
    align: w.language === 'en' ? 'left' : 'justify',
    lineHeight: 1.7,
    spaceAfter: options.spaceAfter ?? 2,
  };
}

export function sectionHeading(w: Wording, text: string): Block {
  return { kind: 'text', text, size: sizesFor(w).body, weight: 'bold', lineHeight: 1.9, spaceBefore: 4 };
}

/** A two-column table of labels and values. */
export function keyValueTable(w: Wording, rows: [string, string][]): TableBlock {
  const { labelShare, table } = sizesFor(w);
  return {
    kind: 'table',
    columns: [{ width: labelShare, align: 'center' }, { width: 1 - labelShare }],
    rows: rows.map(([label, value]) => [{ text: label, weight: 'bold' }, value]),
    size: table,
  };
}

/** The applicant as printed: ID numbers and phones masked (个人信息保护法); a credit code is public. */
export function applicantRows(w: Wording, applicant: ApplicantData): [string, string][] {
  const rows: [string, string][] = [
    [w.labels.applicant, applicant.name],
    [w.labels.idNumber(applicant.kind), maskSubjectNumber(applicant.idNumber, applicant.kind) ?? ''],
  ];
  if (applicant.contactName) rows.push([w.labels.contact, applicant.contactName]);
  if (applicant.phone) rows.push([w.labels.phone, maskPhone(applicant.phone) ?? '']);
  return rows;
}

/**
 * The document number, built from the case number: 130533-20260302-0001 (division code, date, day's serial;
 * also the older WX202603020001) gives the year 2026 and the serial 03020001, unique within the year. Another
 * format keeps the whole case number.
 */
export function documentNumberOf(w: Wording, organ: OrganData, kind: DocumentKind, caseNumber: string, documentDate: string): string {
  const match = /^(?:[A-Za-z]*|\d{6}-)(\d{4})(\d{4})-?(\d{4,6})$/.exec(caseNumber);
  const year = match?.[1] ?? documentDate.slice(0, 4);
  const serial = match ? `${match[2]}${match[3]}` : caseNumber;
  return w.documentNumber(organ.abbreviation, kind, year, serial);
}

/** Organ name and date over the empty space for the seal (e-seal: a later step), kept with `before`. */
export function signature(w: Wording, organName: string, date: string, before: Block[] = []): Block {
  const size = sizesFor(w).body;
  return { kind: 'keepTogether', blocks: [...before, { kind: 'space', height: 10 }, { kind: 'signature', lines: [organName, w.date(date)], size }] };
}

/** Renders the blocks on A4 (or the page given) with page numbers in the document's language. */
export function renderDocument(
  w: Wording,
  blocks: Block[],
  meta: { title: string; organ: string; caseNumber: string; date: string },
  setup: PageSetup = A4,
): Promise<Uint8Array> {
  const footer = setup.footer ? { ...setup.footer, text: w.pageLabel } : undefined;
  return renderPdf(
    blocks,
    {
      title: meta.title,
      author: meta.organ,
      subject: `${meta.title} ${meta.caseNumber}`,
      keywords: [meta.caseNumber],
      language: w.language,
      // The document's own date (midnight in China), so that the same case data gives the same bytes.
      date: new Date(`${meta.date}T00:00:00+08:00`),
    },
    { ...setup, footer },
  );
}
