/**
 * Writes the four case documents, filled with sample data, in Chinese and English, so that a person can look
 * at them:  node --import tsx scripts/render-sample-documents.ts [folder]   (default /tmp/ow-docs)
 * Then, for example:  pdftoppm -r 80 -png /tmp/ow-docs/acceptance-notice.pdf /tmp/ow-docs/acceptance-notice
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderAcceptanceNotice, renderCorrectionNotice, renderRefusalNotice, renderTimeLimitCard } from '../server/modules/documents/index';
import {
  sampleAcceptanceNotice,
  sampleCorrectionNotice,
  sampleRefusalNotice,
  sampleTimeLimitCard,
} from '../server/modules/documents/documents.samples';
import type { DocumentLocale } from '../server/modules/documents/documents.types';
import { loadFonts } from '../server/platform/pdf/index';

const folder = path.resolve(process.argv[2] ?? '/tmp/ow-docs');

const documents: [string, (locale: DocumentLocale) => Promise<Uint8Array>][] = [
  ['acceptance-notice', (locale) => renderAcceptanceNotice(sampleAcceptanceNotice(locale))],
  ['correction-notice', (locale) => renderCorrectionNotice(sampleCorrectionNotice(locale))],
  ['refusal-notice', (locale) => renderRefusalNotice(sampleRefusalNotice(locale))],
  ['time-limit-card', (locale) => renderTimeLimitCard(sampleTimeLimitCard(locale))],
];

await mkdir(folder, { recursive: true });
let started = performance.now();
await loadFonts();
console.log(`fonts loaded in ${Math.round(performance.now() - started)} ms`);
for (const locale of ['zh-CN', 'en'] as const) {
  for (const [name, render] of documents) {
    started = performance.now();
    const pdf = await render(locale);
    const ms = performance.now() - started;
    const file = path.join(folder, `${name}${locale === 'en' ? '.en' : ''}.pdf`);
    await writeFile(file, pdf);
    console.log(`${file}  ${(pdf.length / 1024).toFixed(1)} KB  ${ms.toFixed(0)} ms`);
  }
}
