import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateOpenApi, OPENAPI_FILE } from './export-openapi';

describe('docs/openapi.json', () => {
  it('is the document the server generates (run `npm run openapi` after changing a route)', async () => {
    expect(fs.readFileSync(OPENAPI_FILE, 'utf8')).toBe(await generateOpenApi());
  });
});
