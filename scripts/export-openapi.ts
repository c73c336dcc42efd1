/**
 * Writes the OpenAPI document to docs/openapi.json (a review artefact: route changes show up in diffs).
 * `npm run openapi`; a test fails when the committed file is out of date.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { buildApp } from '../server/app';
import { loadConfig } from '../server/config';
import { wrapPglite } from '../server/platform/db/client';
import { MemoryFileStore } from '../server/platform/files/store';

export const OPENAPI_FILE = path.resolve(import.meta.dirname, '..', 'docs', 'openapi.json');

/** The document as the server generates it, without touching any database. */
export async function generateOpenApi(): Promise<string> {
  const database = wrapPglite(new PGlite());
  const app = await buildApp(
    { config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), database, clock: { now: () => new Date() }, files: new MemoryFileStore() },
    { logger: false, serveWeb: false },
  );
  await app.ready();
  const text = `${JSON.stringify(app.swagger(), null, 2)}\n`;
  await app.close();
  await database.close();
  return text;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  fs.writeFileSync(OPENAPI_FILE, await generateOpenApi());
  console.log(`wrote ${path.relative(process.cwd(), OPENAPI_FILE)}`);
}
