import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Content-addressed file storage: the SHA-256 of the bytes is the name, so a file is stored once however
 * often it is uploaded, and a stored file cannot change under its name. Local disk now; object storage
 * implements the same interface later.
 */
export interface FileStore {
  put(bytes: Buffer): Promise<{ sha256: string; size: number }>;
  get(sha256: string): Promise<Buffer | null>;
  has(sha256: string): Promise<boolean>;
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export class LocalFileStore implements FileStore {
  constructor(private readonly root: string) {}

  private pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('invalid sha256');
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(bytes: Buffer): Promise<{ sha256: string; size: number }> {
    const sha256 = sha256Hex(bytes);
    const target = this.pathOf(sha256);
    if (!(await this.has(sha256))) {
      await fs.mkdir(path.dirname(target), { recursive: true });
      // Write then rename, so that a crash never leaves a half-written file under the final name.
      const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
      await fs.writeFile(temp, bytes, { flag: 'wx' });
      await fs.rename(temp, target);
    }
    return { sha256, size: bytes.length };
  }

  async get(sha256: string): Promise<Buffer | null> {
    try {
      return await fs.readFile(this.pathOf(sha256));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await fs.access(this.pathOf(sha256));
      return true;
    } catch {
      return false;
    }
  }
}

/** In-memory store for tests that do not need files on disk. */
export class MemoryFileStore implements FileStore {
  private readonly files = new Map<string, Buffer>();
  async put(bytes: Buffer) {
    const sha256 = sha256Hex(bytes);
    this.files.set(sha256, Buffer.from(bytes));
    return { sha256, size: bytes.length };
  }
  async get(sha256: string) {
    return this.files.get(sha256) ?? null;
  }
  async has(sha256: string) {
    return this.files.has(sha256);
  }
}

/** What the bytes really are, from their first bytes, never from the name or the declared type. */
export function sniffMime(bytes: Buffer): string | null {
  const startsWith = (sig: number[], offset = 0) => sig.every((b, i) => bytes[offset + i] === b);
  if (startsWith([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'application/x-ole-storage';
  if (startsWith([0x50, 0x4b, 0x03, 0x04])) {
    const head = bytes.subarray(0, Math.min(bytes.length, 4096)).toString('latin1');
    if (head.includes('word/')) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    if (head.includes('xl/')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    return 'application/zip';
  }
  return null;
}

/** The family a MIME type belongs to, as far as uploads care; null for types that claim nothing (octet-stream). */
function familyOf(mime: string): 'pdf' | 'image' | 'office' | 'archive' | 'text' | null {
  const type = mime.split(';')[0]!.trim().toLowerCase();
  if (type === 'application/pdf') return 'pdf';
  if (type.startsWith('image/')) return 'image';
  if (type === 'application/msword' || type.startsWith('application/vnd.ms-') || type.startsWith('application/vnd.openxmlformats-officedocument.') || type === 'application/x-ole-storage') {
    return 'office';
  }
  if (type === 'application/zip' || type === 'application/x-zip-compressed') return 'archive';
  if (type.startsWith('text/') || type === 'application/xhtml+xml' || type === 'application/javascript' || type === 'application/json') return 'text';
  return null;
}

/**
 * Whether the declared type of an upload says it is something else than its bytes are: a "PDF" that is a
 * PNG, an "image" that is an HTML page. A phone photo sent as image/png that is really a JPEG is the same family
 * and passes; a declaration that claims nothing (application/octet-stream, none) passes too.
 */
export function contradictsDeclaredType(sniffed: string, declared: string): boolean {
  const claimed = familyOf(declared);
  return claimed !== null && claimed !== familyOf(sniffed);
}
