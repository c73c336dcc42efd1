import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkProcessBody, countedLimitDays } from '../../../common/process';
import { deriveResultName, SEED_DATA_DIR } from '../../db/seed/reference';
import { R10_FLOWS } from './processes.flows';
import { COMMITMENT_ITEMS, generateProcess, type ItemForProcess } from './processes.generator';

interface SeedItem {
  code: string;
  name: string;
  type: string;
  scope: 'bureau' | 'center';
  processingClass: ItemForProcess['processingClass'];
  promisedLimitDays: number | null;
  maxVisits: number;
  executingUnitCode: string;
}

const items: SeedItem[] = ['bureau-items.json', 'center-items.json'].flatMap((f) => JSON.parse(fs.readFileSync(path.join(SEED_DATA_DIR, f), 'utf8')));
const forProcess = (i: SeedItem): ItemForProcess => ({ ...i, resultName: deriveResultName(i.name, i.type) });

describe('default processes of the demo catalogue', () => {
  it('gives every item a valid process that fits its promised limit', () => {
    for (const item of items) {
      const body = generateProcess(forProcess(item));
      expect(checkProcessBody(body), item.code).toEqual([]);
      expect(countedLimitDays(body), item.code).toBeLessThanOrEqual(item.promisedLimitDays ?? 0);
    }
  });

  it('decides 即办件 at the window in one step', () => {
    const item = items.find((i) => i.processingClass === '即办件')!;
    const body = generateProcess(forProcess(item));
    expect(body.steps).toHaveLength(1);
    expect(body.steps[0]!.stages[0]).toMatchObject({ type: 'decision', role: 'clerk', limitDays: 0 });
  });

  it('reviews 联办件 in parallel with the partner sections', () => {
    const schoolBus = generateProcess(forProcess(items.find((i) => i.code === 'WX-XK-006')!));
    expect(schoolBus.steps[0]!.stages.map((s) => s.unitCode)).toEqual(['SEC-WJW', 'SEC-SHSW', 'SEC-ZCFG']);
  });

  it('adds the special procedures the law requires and lets commitment items be decided first', () => {
    const eia = generateProcess(forProcess(items.find((i) => i.code === 'WX-XK-030')!));
    expect(eia.steps.flatMap((s) => s.stages).filter((s) => s.type === 'special').map((s) => s.special)).toEqual(['expert_review', 'public_notice']);
    for (const code of COMMITMENT_ITEMS) {
      const item = items.find((i) => i.code === code);
      expect(item, code).toBeDefined();
      expect(generateProcess(forProcess(item!)).allowsCommitment).toBe(true);
    }
  });
});

describe('the four re-engineered flows (R10)', () => {
  it('are valid and fit the promised limit of the items that run them', () => {
    expect(R10_FLOWS.map((f) => f.key)).toEqual([
      'flow:enterprise-establishment',
      'flow:one-licence-one-code',
      'flow:enterprise-investment',
      'flow:government-investment',
    ]);
    for (const flow of R10_FLOWS) {
      expect(checkProcessBody(flow.body), flow.key).toEqual([]);
      for (const code of flow.itemCodes) {
        const item = items.find((i) => i.code === code);
        expect(item, code).toBeDefined();
        expect(countedLimitDays(flow.body), `${flow.key} on ${code}`).toBeLessThanOrEqual(item!.promisedLimitDays ?? 0);
      }
      expect(flow.body.steps.some((s) => s.stages.length > 1) || flow.key === 'flow:enterprise-establishment', flow.key).toBe(true);
    }
  });
});
