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

/** An 8-bit RGB image: three samples a pixel, row by row. */
export interface RgbImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** Renders one page (from 1) in colour at the given resolution (PPM), as poppler draws it. */
export function renderPageRgb(pdf: Uint8Array, page: number, dpi: number): Promise<RgbImage> {
  return withPdfFile(pdf, async (file, dir) => {
    const root = path.join(dir, 'page');
    await tool('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file, root]);
    return parsePnm(await readFile(`${root}.ppm`), 'P6');
  });
}

/** Share of seal-red pixels (strong red, little green and blue) in a rectangle of image pixels (top-left origin). */
export function redShare(image: RgbImage, rect: { x: number; y: number; width: number; height: number }): number {
  const x0 = Math.max(0, Math.floor(rect.x));
  const y0 = Math.max(0, Math.floor(rect.y));
  const x1 = Math.min(image.width, Math.ceil(rect.x + rect.width));
  const y1 = Math.min(image.height, Math.ceil(rect.y + rect.height));
  let red = 0;
  let total = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * image.width + x) * 3;
      total++;
      if ((image.pixels[i] ?? 0) > 160 && (image.pixels[i + 1] ?? 255) < 110 && (image.pixels[i + 2] ?? 255) < 110) red++;
    }
  }
  return total === 0 ? 0 : red / total;
}

/** Parses a binary PGM (P5) with 8-bit samples. */
export function parsePgm(data: Uint8Array): GrayImage {
  return parsePnm(data, 'P5');
}

/** Parses a binary PGM (P5) or PPM (P6) with 8-bit samples. */
function parsePnm(data: Uint8Array, expected: 'P5' | 'P6'): GrayImage {
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
  const kind = expected === 'P5' ? 'PGM' : 'PPM';
  if (magic !== expected || !(width > 0) || !(height > 0) || maxval !== 255) throw new Error(`not an 8-bit binary ${kind} (${magic} ${width}x${height} ${maxval})`);
  offset++; // the single whitespace after maxval
  const size = width * height * (expected === 'P6' ? 3 : 1);
  const pixels = data.subarray(offset, offset + size);
  if (pixels.length !== size) throw new Error(`${kind} truncated`);
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

/** One signature as `pdfsig` reports it. */
export interface PdfSignatureReport {
  fieldName: string;
  commonName: string;
  distinguishedName: string;
  signingTime: string;
  hashAlgorithm: string;
  /** adbe.pkcs7.detached, ETSI.CAdES.detached… */
  type: string;
  /** e.g. "Signature is Valid.", "Digest Mismatch." */
  validation: string;
  /** e.g. "Certificate issuer is unknown." for a self-signed certificate. */
  certificateValidation: string;
  totalDocumentSigned: boolean;
}

/**
 * Verifies the PDF's signatures with poppler's `pdfsig` (NSS), as a reader would; returns its report as
 * printed and parsed. A file pdfsig cannot read comes back with no signatures and its message in `output`.
 */
export function pdfSignatures(pdf: Uint8Array): Promise<{ output: string; signatures: PdfSignatureReport[] }> {
  return withPdfFile(pdf, async (file) => {
    let output: string;
    try {
      output = (await tool('pdfsig', [file])).toString('utf8');
    } catch (error) {
      // pdfsig exits non-zero for a file without signatures or one it cannot parse; its words are the answer.
      const failed = error as { stdout?: Buffer; stderr?: Buffer; code?: unknown };
      if (failed.stdout === undefined) throw error;
      output = `${failed.stdout.toString('utf8')}${failed.stderr?.toString('utf8') ?? ''}`;
    }
    const signatures = output
      .split(/^Signature #\d+:$/m)
      .slice(1)
      .map((block) => {
        const field = (label: string): string => new RegExp(`^\\s*- ${label}: (.*)$`, 'm').exec(block)?.[1]?.trim() ?? '';
        return {
          fieldName: field('Signature Field Name'),
          commonName: field('Signer Certificate Common Name'),
          distinguishedName: field('Signer full Distinguished Name'),
          signingTime: field('Signing Time'),
          hashAlgorithm: field('Signing Hash Algorithm'),
          type: field('Signature Type'),
          validation: field('Signature Validation'),
          certificateValidation: field('Certificate Validation'),
          totalDocumentSigned: /^\s*- Total document signed$/m.test(block),
        };
      });
    return { output, signatures };
  });
}
