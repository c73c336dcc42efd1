import { describe, expect, it } from 'vitest';
import { A4, layoutDocument, measureBlocks, mm, type Block, type DrawOp, type Measurer } from './layout';
import { isCjk } from './text';

/** Monospace stand-in for the real font: CJK 1 em, everything else half an em; no glyph for U+20000. */
const mono: Measurer = {
  widthOf: (text, _weight, size) => [...text].reduce((sum, char) => sum + (isCjk(char) ? size : size / 2), 0),
  canDraw: (cp) => cp !== 0x20000,
};

const texts = (ops: DrawOp[]): string[] => ops.flatMap((op) => (op.kind === 'text' ? [op.text] : []));
const left = A4.margin.left;
const right = A4.width - A4.margin.right;

describe('layoutDocument', () => {
  it('indents the first line by two characters and keeps text within the margins', () => {
    const laid = layoutDocument([{ kind: 'text', text: '一'.repeat(80), size: 14, indent: 2 }], A4, mono);
    const lines = laid.pages[0]?.filter((op): op is Extract<DrawOp, { kind: 'text' }> => op.kind === 'text' && op.text.startsWith('一')) ?? [];
    expect(lines[0]?.x).toBeCloseTo(left + 28);
    expect(lines[1]?.x).toBeCloseTo(left);
    for (const line of lines) expect(line.x + mono.widthOf(line.text, 'regular', 14)).toBeLessThanOrEqual(right + 0.01);
  });

  it('numbers pages 第 n 页 共 N 页 once every page is known', () => {
    const laid = layoutDocument([{ kind: 'text', text: '字'.repeat(3000), size: 14 }], A4, mono);
    expect(laid.pages.length).toBeGreaterThan(2);
    laid.pages.forEach((ops, index) => expect(texts(ops)).toContain(`第 ${index + 1} 页 共 ${laid.pages.length} 页`));
  });

  it('repeats the table header on every page the table runs onto, and draws the borders', () => {
    const rows = Array.from({ length: 60 }, (_, i) => [String(i + 1), `材料${i + 1}`]);
    const laid = layoutDocument([{ kind: 'table', columns: [{ width: 1 }, { width: 4 }], header: ['序号', '材料名称'], rows }], A4, mono);
    expect(laid.pages.length).toBeGreaterThan(1);
    for (const ops of laid.pages) {
      expect(texts(ops)).toContain('材料名称');
      expect(ops.some((op) => op.kind === 'line')).toBe(true);
    }
    // Every row is drawn exactly once.
    const drawn = laid.pages.flatMap(texts).filter((text) => text.startsWith('材料') && text !== '材料名称');
    expect(drawn).toEqual(rows.map((row) => row[1]));
  });

  it('splits only a row taller than a page, between lines', () => {
    const tall = '很长的内容'.repeat(400);
    const laid = layoutDocument([{ kind: 'table', columns: [{ width: 1 }], header: ['标题'], rows: [[tall]] }], A4, mono);
    expect(laid.pages.length).toBeGreaterThan(1);
    expect(laid.pages.flatMap(texts).filter((t) => t !== '标题' && !t.startsWith('第 ')).join('')).toBe(tall);
    for (const ops of laid.pages) for (const op of ops) if (op.kind === 'text' && !op.text.startsWith('第 ')) expect(op.y).toBeGreaterThan(A4.margin.bottom);
  });

  it('leaves the signature a seal-sized empty square, to the right, with the name and date in its lower half', () => {
    const laid = layoutDocument([{ kind: 'text', text: '正文' }, { kind: 'signature', lines: ['威县行政审批局', '2026年3月2日'], size: 14 }], A4, mono);
    const [box] = laid.sealBoxes;
    expect(box).toBeDefined();
    if (!box) return;
    expect(box.width).toBeCloseTo(mm(42));
    expect(box.x + box.width).toBeLessThanOrEqual(right + 0.01);
    expect(box.x).toBeGreaterThan(A4.width / 2 - 20);
    const name = laid.pages[0]?.find((op) => op.kind === 'text' && op.text === '威县行政审批局');
    expect(name && name.kind === 'text' && name.y < box.y + box.height / 2 && name.y > box.y).toBe(true);
    // Nothing is drawn in the upper half of the square: it stays free for the seal.
    const inUpperHalf = laid.pages[0]?.filter((op) => op.kind === 'text' && op.y > box.y + box.height / 2 && op.y < box.y + box.height && op.x < box.x + box.width && op.x + 100 > box.x);
    expect(inUpperHalf).toEqual([]);
  });

  it('moves a keep-together group to the next page rather than split it', () => {
    const filler: Block = { kind: 'text', text: '字'.repeat(30 * 28), size: 14, lineHeight: 1.6 };
    const group: Block = { kind: 'keepTogether', blocks: [{ kind: 'text', text: '三、办理时限', size: 14 }, { kind: 'table', columns: [{ width: 1 }, { width: 3 }], rows: [['a', 'b'], ['c', 'd'], ['e', 'f']] }] };
    const laid = layoutDocument([filler, group], A4, mono);
    const pageOf = (text: string): number => laid.pages.findIndex((ops) => texts(ops).includes(text));
    expect(pageOf('三、办理时限')).toBe(pageOf('f'));
    expect(measureBlocks([group], A4, mono)).toBeGreaterThan(14);
  });

  it('puts a cut line at mid-page when the content above leaves room', () => {
    const laid = layoutDocument([{ kind: 'text', text: '上联' }, { kind: 'cutLine', label: '（沿此线剪开）', atMiddle: true }, { kind: 'text', text: '下联' }], A4, mono);
    const dashes = laid.pages[0]?.filter((op) => op.kind === 'line' && op.dash) ?? [];
    expect(dashes).toHaveLength(2);
    for (const op of dashes) if (op.kind === 'line') expect(op.y1).toBeCloseTo(A4.height / 2, 0);
    const below = laid.pages[0]?.find((op) => op.kind === 'text' && op.text === '下联');
    expect(below && below.kind === 'text' && below.y < A4.height / 2).toBe(true);
  });

  it('justifies Chinese by spacing characters, never the letters of a code or URL', () => {
    const text = `${'甲'.repeat(20)} https://ywt.weixian.example/progress ${'乙'.repeat(40)}`;
    const laid = layoutDocument([{ kind: 'text', text, size: 14, align: 'justify' }], A4, mono);
    const ops = laid.pages[0]?.filter((op): op is Extract<DrawOp, { kind: 'text' }> => op.kind === 'text' && !op.text.startsWith('第 ')) ?? [];
    for (const op of ops) if (/[a-z]/.test(op.text)) expect(op.charSpacing).toBe(0);
    expect(ops.some((op) => op.charSpacing > 0)).toBe(true);
  });

  it('marks characters without a glyph and reports them', () => {
    const laid = layoutDocument([{ kind: 'text', text: '张𠀀丰' }], A4, mono);
    expect(texts(laid.pages[0] ?? [])).toContain('张〓丰');
    expect(laid.missingCharacters).toEqual(['𠀀']);
  });
});
