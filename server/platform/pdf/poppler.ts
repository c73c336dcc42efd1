import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * Reads PDFs back with poppler-utils (pdftotext, pdftoppm, pdffonts), as a person's viewer would: for the
 * tests and for checking generated documents by hand. Not used when serving requests.
 * A missing poppler is an error with a clear message, never a silently skipped check.
 */

const run = promisify(execFile);

async function tool(name: string, args: string[]): Promise<Buffer> {
  try {
    const { stdout } = await run(name, args, { encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${name} not found: the PDF checks need poppler-utils (apt-get install poppler-utils)`, { cause: error });
    }
    throw error;
  }
}

/** Writes the PDF to a temporary file for the duration of `use`. */
async function withPdfFile<T>(pdf: Uint8Array, use: (file: string, dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ow-pdf-'));
  try {
    const file = path.join(dir, 'document.pdf');
    await writeFile(file, pdf);
    return await use(file, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The text of the PDF in drawing order (`pdftotext -raw`), so that a table cell's lines stay together;
 * pages are separated by form feeds (\f).
 */
export function pdfToText(pdf: Uint8Array): Promise<string> {
  return withPdfFile(pdf, async (file) => (await tool('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'])).toString('utf8'));
}

export interface PdfFontInfo {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
  unicode: boolean;
}

/** The fonts of the PDF as `pdffonts` lists them. */
export function pdfFonts(pdf: Uint8Array): Promise<PdfFontInfo[]> {
  return withPdfFile(pdf, async (file) => {
    const lines = (await tool('pdffonts', [file])).toString('utf8').split('\n').slice(2).filter(Boolean);
    return lines.map((line) => {
      // name type... encoding emb sub uni object ID: the last five columns are fixed.
      const parts = line.trim().split(/\s+/);
      const [emb, sub, uni] = parts.slice(-5, -2);
      const name = parts[0] ?? '';
      return { name, type: parts.slice(1, -6).join(' '), embedded: emb === 'yes', subset: sub === 'yes', unicode: uni === 'yes' };
    });
  });
}

/** An 8-bit grayscale image: 0 black … 255 white, row by row. */
export interface GrayImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** Renders one page (from 1) to grayscale at the given resolution, as poppler draws it. */
export function renderPageGray(pdf: Uint8Array, page: number, dpi: number): Promise<GrayImage> {
  return withPdfFile(pdf, async (file, dir) => {
    const root = path.join(dir, 'page');
    await tool('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file, root]);
    return parsePgm(await readFile(`${root}.pgm`));
  });
}

/** Parses a binary PGM (P5) with 8-bit samples. */
export function parsePgm(data: Uint8Array): GrayImage {
  let offset = 0;
  const token = (): string => {
    for (;;) {
      while (offset < data.length && /\s/.test(String.fromCharCode(data[offset] ?? 0))) offset++;
      if (data[offset] !== 0x23) break; // '#': a comment runs to the end of the line
      while (offset < data.length && data[offset] !== 0x0a) offset++;
    }
    let value = '';
    while (offset < data.length && !/\s/.test(String.fromCharCode(data[offset] ?? 0))) value += String.fromCharCode(data[offset++] ?? 0);
    return value;
  };
  const magic = token();
  const width = Number(token());
  const height = Number(token());
  const maxval = Number(token());
  if (magic !== 'P5' || !(width > 0) || !(height > 0) || maxval !== 255) throw new Error(`not an 8-bit binary PGM (${magic} ${width}x${height} ${maxval})`);
  offset++; // the single whitespace after maxval
  const pixels = data.subarray(offset, offset + width * height);
  if (pixels.length !== width * height) throw new Error('PGM truncated');
  return { width, height, pixels };
}

/** Share of pixels darker than `threshold` in a rectangle given in image pixels (top-left origin). */
export function darkShare(image: GrayImage, rect: { x: number; y: number; width: number; height: number }, threshold = 128): number {
  const x0 = Math.max(0, Math.floor(rect.x));
  const y0 = Math.max(0, Math.floor(rect.y));
  const x1 = Math.min(image.width, Math.ceil(rect.x + rect.width));
  const y1 = Math.min(image.height, Math.ceil(rect.y + rect.height));
  let dark = 0;
  let total = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      total++;
      if ((image.pixels[y * image.width + x] ?? 255) < threshold) dark++;
    }
  }
  return total === 0 ? 0 : dark / total;
}

/** Converts a rectangle in PDF points (bottom-left origin) on a page of `pageHeight` points to image pixels. */
export function pointsToPixels(
  rect: { x: number; y: number; width: number; height: number },
  pageHeight: number,
  dpi: number,
): { x: number; y: number; width: number; height: number } {
  const scale = dpi / 72;
  return { x: rect.x * scale, y: (pageHeight - rect.y - rect.height) * scale, width: rect.width * scale, height: rect.height * scale };
}
