import type { FontSet, FontWeight } from './fonts';
import { isCjk, justificationUnits, normalizeText, wrapText, type Measure } from './text';

/**
 * A small layout engine for printed A4 documents (pure): a list of blocks — text, tables, a signature, a cut
 * line — is flowed onto pages and turned into drawing operations in PDF coordinates (points, origin at the
 * bottom left). `paintPdf` draws them; tests can inspect them without a PDF.
 */

/** Measures text; `measurerFor(fonts)` is the real one, tests may use a monospace stand-in. */
export interface Measurer {
  widthOf(text: string, weight: FontWeight, size: number): number;
  canDraw(codePoint: number): boolean;
}

export function measurerFor(fonts: FontSet): Measurer {
  return {
    widthOf(text, weight, size) {
      const face = fonts[weight];
      let em = 0;
      for (const char of text) em += face.advance(char.codePointAt(0) ?? 0);
      return em * size;
    },
    canDraw: (codePoint) => fonts.regular.canDraw(codePoint) && fonts.bold.canDraw(codePoint),
  };
}

export type Align = 'left' | 'center' | 'right' | 'justify';

export type DrawOp =
  | { kind: 'text'; x: number; y: number; text: string; weight: FontWeight; size: number; charSpacing: number }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; thickness: number; dash?: number[] }
  | { kind: 'fill'; x: number; y: number; width: number; height: number; gray: number };

/** A rectangle on a page (page index from 0), in PDF coordinates. */
export interface PageRect {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PageSetup {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
  /** Page-number footer, drawn once the page count is known. */
  footer?: { text: (page: number, total: number) => string; size: number; baseline: number };
}

export const mm = (value: number): number => (value * 72) / 25.4;

/** A4 with GB/T 9704 side margins (left 28 mm, right 26 mm), footer "第 1 页 共 2 页". */
export const A4: PageSetup = {
  width: mm(210),
  height: mm(297),
  margin: { top: mm(25), right: mm(26), bottom: mm(25), left: mm(28) },
  footer: { text: (page, total) => `第 ${page} 页 共 ${total} 页`, size: 10.5, baseline: mm(13) },
};

/** Text: a paragraph, heading or single line. Sizes are in points; `indent` is in characters (em). */
export interface TextBlock {
  kind: 'text';
  text: string;
  size?: number;
  weight?: FontWeight;
  align?: Align;
  /** First-line indent in characters: 2 for a Chinese paragraph. */
  indent?: number;
  /** Line pitch as a multiple of the size. */
  lineHeight?: number;
  /** Extra space between characters, in em (spaced-out titles). */
  letterSpacing?: number;
  spaceBefore?: number;
  spaceAfter?: number;
}

export interface TableCell {
  text: string;
  align?: Align;
  weight?: FontWeight;
}

export interface TableColumn {
  /** Relative width: columns share the text width in proportion. */
  width: number;
  align?: Align;
}

/** A bordered table; the header row is repeated on every page the table runs onto. */
export interface TableBlock {
  kind: 'table';
  columns: TableColumn[];
  header?: string[];
  rows: (string | TableCell)[][];
  size?: number;
  /** Gray level (0 black … 1 white) behind the header row. */
  headerFill?: number;
  spaceAfter?: number;
}

/**
 * Organ name and date, right-aligned and centred on each other (GB/T 9704: date four characters from the
 * right margin, the name centred over it), in the lower half of an empty square left for the seal.
 */
export interface SignatureBlock {
  kind: 'signature';
  lines: string[];
  size?: number;
  /** Side of the square kept free for the seal (42 mm: the size of an official seal). */
  sealSize?: number;
}

export type Block =
  | TextBlock
  | TableBlock
  | SignatureBlock
  | { kind: 'space'; height: number }
  | { kind: 'pageBreak' }
  /** A dashed cut line across the page; `atMiddle` puts it at half the page height when there is room. */
  | { kind: 'cutLine'; label?: string; atMiddle?: boolean; size?: number }
  /** Blocks that start on a new page rather than be split (when they fit on one page). */
  | { kind: 'keepTogether'; blocks: Block[] };

export interface LaidOutDocument {
  setup: PageSetup;
  pages: DrawOp[][];
  /** Where seals go, one per signature block. */
  sealBoxes: PageRect[];
  /** Characters the font cannot draw, printed as 〓. */
  missingCharacters: string[];
}

/** Top of a CJK ideograph's em box above the baseline (ideographic em box of Noto/Source Han: -0.12…0.88). */
const EM_TOP = 0.88;
const RULE = 0.6;

export function layoutDocument(blocks: Block[], setup: PageSetup, measurer: Measurer): LaidOutDocument {
  const flow = new Flow(setup, measurer, false);
  flow.place(blocks);
  const total = flow.pages.length;
  const footer = setup.footer;
  if (footer) {
    flow.pages.forEach((ops, index) => {
      const text = footer.text(index + 1, total);
      const width = measurer.widthOf(text, 'regular', footer.size);
      ops.push({ kind: 'text', x: (setup.width - width) / 2, y: footer.baseline, text, weight: 'regular', size: footer.size, charSpacing: 0 });
    });
  }
  return { setup, pages: flow.pages, sealBoxes: flow.sealBoxes, missingCharacters: [...new Set(flow.missing)] };
}

/** The height the blocks take when laid out without page breaks. */
export function measureBlocks(blocks: Block[], setup: PageSetup, measurer: Measurer): number {
  const endless: PageSetup = { ...setup, height: 1e7, margin: { ...setup.margin, top: 0, bottom: 0 }, footer: undefined };
  const flow = new Flow(endless, measurer, true);
  flow.place(blocks);
  return 1e7 - flow.y;
}

class Flow {
  readonly pages: DrawOp[][] = [[]];
  readonly sealBoxes: PageRect[] = [];
  readonly missing: string[] = [];
  y: number;
  private readonly left: number;
  private readonly right: number;
  private readonly top: number;
  private readonly bottom: number;

  constructor(
    private readonly setup: PageSetup,
    private readonly measurer: Measurer,
    private readonly measuring: boolean,
  ) {
    this.left = setup.margin.left;
    this.right = setup.width - setup.margin.right;
    this.top = setup.height - setup.margin.top;
    this.bottom = setup.margin.bottom;
    this.y = this.top;
  }

  private get width(): number {
    return this.right - this.left;
  }

  private get ops(): DrawOp[] {
    return this.pages[this.pages.length - 1] ?? [];
  }

  /** At the top of a page, spacing before a block is dropped (when measuring it is kept: never too short). */
  private get isPageFresh(): boolean {
    return !this.measuring && this.y >= this.top;
  }

  private newPage(): void {
    this.pages.push([]);
    this.y = this.top;
  }

  /** Breaks the page unless `height` fits below the cursor (or the page is still empty). */
  private ensure(height: number): void {
    if (this.y - height < this.bottom - 0.01 && !this.isPageFresh) this.newPage();
  }

  private clean(text: string): string {
    const result = normalizeText(text, (cp) => this.measurer.canDraw(cp));
    this.missing.push(...result.missing);
    return result.text;
  }

  private measure(weight: FontWeight, size: number, letterSpacing = 0): Measure {
    return (text) => this.measurer.widthOf(text, weight, size) + [...text].length * letterSpacing * size;
  }

  place(blocks: Block[]): void {
    for (const block of blocks) {
      switch (block.kind) {
        case 'text':
          this.placeText(block);
          break;
        case 'table':
          this.placeTable(block);
          break;
        case 'signature':
          this.placeSignature(block);
          break;
        case 'space':
          if (!this.isPageFresh) this.y = Math.max(this.y - block.height, this.bottom);
          break;
        case 'pageBreak':
          if (!this.isPageFresh) this.newPage();
          break;
        case 'cutLine':
          this.placeCutLine(block.label ?? '', block.atMiddle ?? false, block.size ?? 9);
          break;
        case 'keepTogether': {
          const height = measureBlocks(block.blocks, this.setup, this.measurer);
          if (height <= this.top - this.bottom) this.ensure(height);
          this.place(block.blocks);
          break;
        }
      }
    }
  }

  private placeText(block: TextBlock): void {
    const size = block.size ?? 12;
    const weight = block.weight ?? 'regular';
    const align = block.align ?? 'left';
    const letterSpacing = block.letterSpacing ?? 0;
    const pitch = size * (block.lineHeight ?? 1.6);
    const indent = (block.indent ?? 0) * size;
    const measure = this.measure(weight, size, letterSpacing);
    if (block.spaceBefore && !this.isPageFresh) this.y -= block.spaceBefore;

    let isFirst = true;
    for (const paragraph of this.clean(block.text).split('\n')) {
      const lines = wrapText(paragraph, { first: this.width - (isFirst ? indent : 0), rest: this.width }, measure);
      lines.forEach((line, index) => {
        this.ensure(pitch);
        const lineIndent = isFirst && index === 0 ? indent : 0;
        // Trailing letter spacing after the last character is not part of the visible width.
        const natural = measure(line) - (line ? letterSpacing * size : 0);
        const available = this.width - lineIndent;
        let x = this.left + lineIndent;
        const y = this.y - (pitch - size) / 2 - EM_TOP * size;
        if (align === 'center') x += (available - natural) / 2;
        else if (align === 'right') x += available - natural;
        const justified = align === 'justify' && index < lines.length - 1 ? this.justify(line, available - natural, size, weight) : undefined;
        if (justified) {
          for (const run of justified) this.ops.push({ kind: 'text', x: x + run.offset, y, text: run.text, weight, size, charSpacing: run.charSpacing });
        } else if (line) {
          this.ops.push({ kind: 'text', x, y, text: line, weight, size, charSpacing: letterSpacing * size });
        }
        this.y -= pitch;
      });
      isFirst = false;
    }
    if (block.spaceAfter) this.y -= block.spaceAfter;
  }

  /**
   * Spreads a line's slack over the gaps between its units — each CJK character, each Latin word or space —
   * so that Chinese is spaced evenly and a URL or number is never letter-spaced. Returns the runs to draw
   * (consecutive CJK characters share one run, spaced by the character spacing), or undefined to leave the
   * line ragged when the slack is too large to hide (a line cut short by a long unbreakable word).
   */
  private justify(line: string, slack: number, size: number, weight: FontWeight): { text: string; offset: number; charSpacing: number }[] | undefined {
    const units = justificationUnits(line);
    const extra = units.length > 1 ? slack / (units.length - 1) : 0;
    if (!(extra > 0 && extra <= size * 0.3)) return undefined;
    const runs: { text: string; offset: number; charSpacing: number }[] = [];
    let offset = 0;
    let open: { text: string; offset: number; charSpacing: number } | undefined;
    for (const unit of units) {
      const isChar = [...unit].length === 1 && isCjk(unit);
      if (isChar && open) open.text += unit;
      else {
        open = { text: unit, offset, charSpacing: isChar ? extra : 0 };
        runs.push(open);
        if (!isChar) open = undefined;
      }
      offset += this.measurer.widthOf(unit, weight, size) + extra;
    }
    return runs.filter((run) => run.text.trim() !== '');
  }

  private placeTable(block: TableBlock): void {
    const size = block.size ?? 12;
    const pitch = size * 1.45;
    const padX = size * 0.45;
    const padY = size * 0.35;
    const totalWeight = block.columns.reduce((sum, column) => sum + column.width, 0);
    const widths = block.columns.map((column) => (this.width * column.width) / totalWeight);
    const edges = widths.reduce<number[]>((acc, w) => [...acc, (acc[acc.length - 1] ?? this.left) + w], [this.left]);

    type Row = { cells: { lines: string[]; align: Align; weight: FontWeight }[]; fill?: number };
    const prepare = (cells: (string | TableCell)[], defaults: { align?: Align; weight: FontWeight }, fill?: number): Row => ({
      fill,
      cells: block.columns.map((column, index) => {
        const raw = cells[index] ?? '';
        const cell: TableCell = typeof raw === 'string' ? { text: raw } : raw;
        const weight = cell.weight ?? defaults.weight;
        const lines = wrapText(this.clean(cell.text), (widths[index] ?? 0) - 2 * padX, this.measure(weight, size));
        return { lines, align: cell.align ?? defaults.align ?? column.align ?? 'left', weight };
      }),
    });
    const header = block.header ? prepare(block.header, { align: 'center', weight: 'bold' }, block.headerFill) : undefined;
    const rows = block.rows.map((cells) => prepare(cells, { weight: 'regular' }));
    const heightOf = (row: Row): number => Math.max(1, ...row.cells.map((cell) => cell.lines.length)) * pitch + 2 * padY;

    /** Draws `row` (or its first `lineCount` lines) at the cursor with its borders. */
    const drawRow = (row: Row, isFirstOnPage: boolean, lineCount?: number): void => {
      const count = lineCount ?? Math.max(1, ...row.cells.map((cell) => cell.lines.length));
      const height = count * pitch + 2 * padY;
      const top = this.y;
      if (row.fill !== undefined) this.ops.push({ kind: 'fill', x: this.left, y: top - height, width: this.width, height, gray: row.fill });
      row.cells.forEach((cell, index) => {
        const lines = cell.lines.slice(0, count);
        // Whole rows are centred vertically; a row split over pages reads from the top.
        const offset = lineCount === undefined ? (height - 2 * padY - lines.length * pitch) / 2 : 0;
        const cellLeft = (edges[index] ?? 0) + padX;
        const cellWidth = (widths[index] ?? 0) - 2 * padX;
        lines.forEach((line, lineIndex) => {
          const width = this.measurer.widthOf(line, cell.weight, size);
          const x = cell.align === 'center' ? cellLeft + (cellWidth - width) / 2 : cell.align === 'right' ? cellLeft + cellWidth - width : cellLeft;
          const y = top - padY - offset - lineIndex * pitch - (pitch - size) / 2 - EM_TOP * size;
          if (line) this.ops.push({ kind: 'text', x, y, text: line, weight: cell.weight, size, charSpacing: 0 });
        });
        cell.lines = cell.lines.slice(count);
      });
      if (isFirstOnPage) this.ops.push({ kind: 'line', x1: this.left, y1: top, x2: this.right, y2: top, thickness: RULE });
      this.ops.push({ kind: 'line', x1: this.left, y1: top - height, x2: this.right, y2: top - height, thickness: RULE });
      for (const x of edges) this.ops.push({ kind: 'line', x1: x, y1: top, x2: x, y2: top - height, thickness: RULE });
      this.y -= height;
    };
    const drawHeader = (): void => {
      if (header) drawRow({ ...header, cells: header.cells.map((cell) => ({ ...cell })) }, true);
    };

    const first = rows[0];
    this.ensure((header ? heightOf(header) : 0) + (first ? Math.min(heightOf(first), 2 * pitch + 2 * padY) : 0));
    drawHeader();
    const pageRoom = this.top - this.bottom - (header ? heightOf(header) : 0);
    let isFirstOnPage = !header;
    for (const row of rows) {
      while (heightOf(row) > this.y - this.bottom + 0.01) {
        const fitting = Math.floor((this.y - this.bottom - 2 * padY + 0.01) / pitch);
        if (heightOf(row) > pageRoom && fitting >= 1) {
          // A row taller than a whole page is split between lines; any other row moves to the next page whole.
          drawRow(row, isFirstOnPage, fitting);
        }
        this.newPage();
        drawHeader();
        isFirstOnPage = !header;
        if (this.y - this.bottom < pitch + 2 * padY) throw new Error('page too small for one table line');
      }
      drawRow(row, isFirstOnPage);
      isFirstOnPage = false;
    }
    this.y -= block.spaceAfter ?? size * 0.8;
  }

  private placeSignature(block: SignatureBlock): void {
    const size = block.size ?? 14;
    const seal = block.sealSize ?? mm(42);
    const pitch = size * 1.6;
    const lines = block.lines.map((line) => this.clean(line));
    const widest = Math.max(...lines.map((line) => this.measurer.widthOf(line, 'regular', size)));
    // The name and date sit a little below the seal's centre, as when a seal is pressed over them.
    const linesTop = seal / 2 - pitch * 0.4;
    const height = Math.max(seal, linesTop + lines.length * pitch);
    this.ensure(height);
    const top = this.y;
    const centre = this.right - 2 * size - widest / 2;
    lines.forEach((line, index) => {
      const width = this.measurer.widthOf(line, 'regular', size);
      const lineTop = top - linesTop - index * pitch;
      this.ops.push({ kind: 'text', x: centre - width / 2, y: lineTop - (pitch - size) / 2 - EM_TOP * size, text: line, weight: 'regular', size, charSpacing: 0 });
    });
    this.sealBoxes.push({ page: this.pages.length - 1, x: Math.min(centre - seal / 2, this.right - seal), y: top - seal, width: seal, height: seal });
    this.y = top - height;
  }

  private placeCutLine(label: string, atMiddle: boolean, size: number): void {
    const middle = this.setup.height / 2;
    const gap = size * 1.2;
    if (atMiddle && !this.measuring && this.y - gap > middle) this.y = middle + gap;
    this.ensure(2 * gap);
    const y = this.y - gap;
    const text = this.clean(label);
    const labelWidth = text ? this.measurer.widthOf(text, 'regular', size) : 0;
    const x1 = mm(10);
    const x2 = this.setup.width - mm(10);
    const labelLeft = (this.setup.width - labelWidth) / 2 - (text ? size * 0.5 : 0);
    const labelRight = (this.setup.width + labelWidth) / 2 + (text ? size * 0.5 : 0);
    const dash = [4, 3];
    this.ops.push({ kind: 'line', x1, y1: y, x2: labelLeft, y2: y, thickness: 0.5, dash });
    this.ops.push({ kind: 'line', x1: labelRight, y1: y, x2, y2: y, thickness: 0.5, dash });
    if (text) this.ops.push({ kind: 'text', x: (this.setup.width - labelWidth) / 2, y: y - size * 0.35, text, weight: 'regular', size, charSpacing: 0 });
    this.y = y - gap;
  }
}
