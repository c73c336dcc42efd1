import { PDFDict, PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { A4, SEAL_BOXES_KEY } from '../../platform/pdf/index';
import { renderGlyphSheet } from '../../platform/pdf/glyph-sheet';
import { darkShare, pdfFonts, pdfToText, pointsToPixels, renderPageGray } from '../../platform/pdf/poppler';
import { sampleAcceptanceNotice, sampleCorrectionNotice, sampleRefusalNotice, sampleTimeLimitCard, SAMPLE_CASE_NUMBER } from './documents.samples';
import { renderAcceptanceNotice, renderCorrectionNotice, renderRefusalNotice, renderTimeLimitCard } from './index';

/**
 * Each document is rendered from realistic data and read back with poppler: the text a search finds, the ink a
 * reader sees, the fonts a printer gets.
 */

/** Text with all whitespace removed: pdftotext spaces CJK text as its layout suggests. */
const squeeze = (text: string): string => text.replace(/\s+/g, '');
/** Squeezed text without the page footers, so that a sentence running over a page break reads whole. */
const body = (text: string): string => squeeze(text).replace(/第\d+页共\d+页/g, '');
const pagesOf = (text: string): string[] => text.split('\f').filter((page) => page.trim() !== '');

interface Rendered {
  pdf: Uint8Array;
  text: string;
}

async function read(pdf: Uint8Array): Promise<Rendered> {
  return { pdf, text: await pdfToText(pdf) };
}

const docs: Record<'acceptance' | 'correction' | 'refusal' | 'card', Rendered> = {} as never;
beforeAll(async () => {
  docs.acceptance = await read(await renderAcceptanceNotice(sampleAcceptanceNotice()));
  docs.correction = await read(await renderCorrectionNotice(sampleCorrectionNotice()));
  docs.refusal = await read(await renderRefusalNotice(sampleRefusalNotice()));
  docs.card = await read(await renderTimeLimitCard(sampleTimeLimitCard()));
});

describe.each([
  ['acceptance', '受理通知书', ['威审受字〔2026〕第03020001号', '承诺办结日期', '2026年3月16日', '20个工作日', '10个工作日']],
  ['correction', '一次性告知单', ['威审告字〔2026〕第03020001号', '一次性告知', '尚未受理', '2026年4月1日']],
  ['refusal', '不予受理通知书', ['威审不受字〔2026〕第03020002号', '决定不予受理', '行政复议', '行政诉讼']],
  ['card', '限时办结卡', ['承诺办结日期', '2026年3月16日', '监督电话', '0319-6123456']],
] as const)('%s', (key, heading, strings) => {
  it('has the heading, the organ, the case, the item and its key facts in its text', () => {
    const text = body(docs[key].text);
    expect(text).toContain(squeeze(heading));
    expect(text).toContain('威县行政审批局');
    expect(text).toContain(key === 'refusal' ? 'WX202603020002' : SAMPLE_CASE_NUMBER);
    expect(text).toContain('食品经营许可');
    expect(text).toContain('WX-XK-099');
    expect(text).toContain('威县洺州镇好味食品店');
    for (const s of strings) expect(text).toContain(squeeze(s));
  });

  it('really draws the heading: ink in the heading area of page 1, and a page that is not blank', async () => {
    const dpi = 50;
    const page = await renderPageGray(docs[key].pdf, 1, dpi);
    const whole = { x: 0, y: 0, width: page.width, height: page.height };
    expect(darkShare(page, whole)).toBeGreaterThan(0.01);
    // The organ and title lines: centred, within 70 pt below the top margin (12 mm on the card).
    const top = key === 'card' ? (12 * 72) / 25.4 : A4.margin.top;
    const area = pointsToPixels({ x: A4.width * 0.25, y: A4.height - top - 70, width: A4.width * 0.5, height: 70 }, A4.height, dpi);
    expect(darkShare(page, area)).toBeGreaterThan(0.04);
  });

  it('embeds only subset fonts', async () => {
    const fonts = await pdfFonts(docs[key].pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      expect(font.name).toMatch(/^[A-Z]{6}\+NotoSerifSC-(Regular|Bold)$/);
      expect(font).toMatchObject({ embedded: true, subset: true, unicode: true });
    }
    expect(docs[key].pdf.length).toBeLessThan(150_000);
  });

  it('masks personal data', () => {
    expect(docs[key].text).not.toContain('13831912345');
    if (key === 'acceptance' || key === 'card') expect(docs[key].text).toContain('138****2345');
  });
});

describe('受理通知书', () => {
  it('runs a long list of materials onto a second page, repeating the table header and numbering pages', () => {
    const pages = pagesOf(docs.acceptance.text);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(squeeze(pages[1] ?? '')).toContain('材料名称');
    pages.forEach((page, index) => expect(squeeze(page)).toContain(`第${index + 1}页共${pages.length}页`));
    // Every material is listed, with its form and count.
    for (const material of sampleAcceptanceNotice().materials) expect(squeeze(docs.acceptance.text)).toContain(squeeze(material.name));
    expect(squeeze(docs.acceptance.text)).toContain('原件和复印件');
  });

  it('states that special procedures and correction time are not counted (行政许可法 Art. 45)', () => {
    const text = body(docs.acceptance.text);
    expect(text).toContain('第四十五条');
    for (const word of ['听证', '检验检测', '专家评审', '公示', '补正材料的时间']) expect(text).toContain(word);
    expect(text).toContain('https://ywt.weixian.example/progress');
  });

  it('masks a person’s ID number but prints an enterprise’s credit code', async () => {
    expect(docs.acceptance.text).toContain('92130533MA0F3K2L64');
    const person = sampleAcceptanceNotice();
    person.applicant = { kind: 'person', name: '王洺', idNumber: '130533198506124327', phone: '13912345678' };
    const { text } = await read(await renderAcceptanceNotice(person));
    expect(text).toContain('1305**********4327');
    expect(text).not.toContain('130533198506124327');
    expect(text).toContain('公民身份号码');
  });

  it('leaves an empty square for the seal beside the organ name and date', async () => {
    const doc = await PDFDocument.load(docs.acceptance.pdf, { updateMetadata: false });
    const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
    const boxes = JSON.parse(info.lookup(PDFName.of(SEAL_BOXES_KEY), PDFString).decodeText()) as { page: number; x: number; y: number; width: number; height: number }[];
    expect(boxes).toHaveLength(1);
    const box = boxes[0];
    if (!box) return;
    expect(box.page).toBe(doc.getPageCount() - 1);
    const page = await renderPageGray(docs.acceptance.pdf, box.page + 1, 50);
    expect(darkShare(page, pointsToPixels({ ...box, y: box.y + box.height * 0.6, height: box.height * 0.4 }, A4.height, 50))).toBe(0);
  });
});

describe('一次性告知单', () => {
  it('lists every deficiency with what is wrong and what is needed', () => {
    const text = body(docs.correction.text);
    for (const d of sampleCorrectionNotice().deficiencies) {
      expect(text).toContain(squeeze(d.material));
      expect(text).toContain(squeeze(d.requirement));
    }
    expect(text).toContain('缺少：未提交');
    expect(text).toContain('不符合要求：');
    expect(text).toContain('第三十二条第一款第四项');
    expect(text).toContain('威县市民服务中心任一综合受理窗口');
  });
});

describe('不予受理通知书', () => {
  it('gives the reason, the legal basis and the default remedies', () => {
    const text = squeeze(docs.refusal.text);
    expect(text).toContain('仅销售预包装食品');
    expect(text).toContain('第三十二条第一款第一项');
    expect(text).toContain('60日内依法向威县人民政府申请行政复议');
    expect(text).toContain('6个月内依法向威县人民法院提起行政诉讼');
  });

  it('takes the remedy organs and periods from the data', async () => {
    const data = { ...sampleRefusalNotice(), remedies: { reconsiderationOrgan: '邢台市人民政府', reconsiderationDays: 60, court: '邢台市襄都区人民法院', litigationMonths: 6 } };
    const text = squeeze((await read(await renderRefusalNotice(data))).text);
    expect(text).toContain('向邢台市人民政府申请行政复议');
    expect(text).toContain('向邢台市襄都区人民法院提起行政诉讼');
    expect(text).not.toContain('威县人民法院');
  });

  it('names the competent organ when the matter is not the bureau’s', async () => {
    const data = { ...sampleRefusalNotice(), reason: '该事项属于不动产登记', competentOrgan: '威县自然资源和规划局' };
    const text = squeeze((await read(await renderRefusalNotice(data))).text);
    expect(text).toContain('该事项属于不动产登记。');
    expect(text).toContain('请向威县自然资源和规划局提出申请');
  });
});

describe('限时办结卡', () => {
  it('prints the applicant copy and the stub on one sheet, with a cut line and every stage', () => {
    const pages = pagesOf(docs.card.text);
    expect(pages).toHaveLength(1);
    const text = squeeze(docs.card.text);
    for (const word of ['（申请人联）', '（存根联）', '（沿此线剪开）', '法定节假日不计入']) expect(text).toContain(word);
    for (const stage of sampleTimeLimitCard().stages) expect(text).toContain(stage.name);
    expect(text).toContain('2026年3月13日');
  });
});

describe('English', () => {
  it('translates all fixed wording', async () => {
    const rendered = await Promise.all([
      renderAcceptanceNotice(sampleAcceptanceNotice('en')),
      renderCorrectionNotice(sampleCorrectionNotice('en')),
      renderRefusalNotice(sampleRefusalNotice('en')),
      renderTimeLimitCard(sampleTimeLimitCard('en')),
    ]);
    const texts = await Promise.all(rendered.map(pdfToText));
    const [acceptance = '', correction = '', refusal = '', card = ''] = texts.map((t) => t.replace(/\s+/g, ' '));
    expect(acceptance).toContain('Acceptance Notice');
    expect(acceptance).toContain('16 March 2026');
    expect(acceptance).toContain('Page 1 of');
    expect(correction).toContain('One-Time Notice of Materials to Supplement');
    expect(refusal).toContain("administrative reconsideration within 60 days");
    expect(refusal).toContain("the People's Court of Wei County");
    expect(card).toContain('Time-Limit Card');
    // No Chinese fixed wording is left; the Chinese that remains is data (the applicant, the materials).
    for (const word of ['受理通知书', '一次性告知', '不予受理', '限时办结卡', '第 1 页', '申请人', '工作日']) {
      for (const text of texts) expect(text).not.toContain(word);
    }
  });
});

describe('every character printed has a glyph', () => {
  it('draws each distinct character of the four documents', async () => {
    const chars = [...new Set([...Object.values(docs).map((d) => d.text).join('')])].join('');
    expect(chars).not.toContain('〓');
    for (const weight of ['regular', 'bold'] as const) {
      const { pdf, cells } = await renderGlyphSheet(chars, weight);
      const pageCount = Math.max(...cells.map((c) => c.rect.page)) + 1;
      const blank: string[] = [];
      for (let page = 0; page < pageCount; page++) {
        const image = await renderPageGray(pdf, page + 1, 72);
        for (const cell of cells.filter((c) => c.rect.page === page)) {
          if (darkShare(image, pointsToPixels(cell.rect, A4.height, 72), 160) === 0) blank.push(cell.char);
        }
      }
      expect(blank, `blank in ${weight}`).toEqual([]);
    }
  });
});

describe('data', () => {
  it('is validated: a bad date or an empty material list is refused', async () => {
    await expect(renderAcceptanceNotice({ ...sampleAcceptanceNotice(), acceptedOn: '2026-02-30x' })).rejects.toThrow(/acceptedOn|date/i);
    await expect(renderAcceptanceNotice({ ...sampleAcceptanceNotice(), materials: [] })).rejects.toThrow(/materials/);
  });

  it('prints a character the font lacks as 〓 instead of dropping it', async () => {
    const data = sampleRefusalNotice();
    data.applicant = { ...data.applicant, name: '威县𠀀记小吃店' };
    expect(squeeze(await pdfToText(await renderRefusalNotice(data)))).toContain('威县〓记小吃店');
  });

  it('gives the same bytes for the same case data', async () => {
    const again = await renderAcceptanceNotice(sampleAcceptanceNotice());
    expect(Buffer.from(again).equals(Buffer.from(docs.acceptance.pdf))).toBe(true);
  });
});
