/// <reference lib="dom" />
/**
 * Accessibility checks with axe-core (WCAG 2.0 / 2.1, levels A and AA, as GB/T 37668 asks) in a playwright-core page.
 *
 * The page's CSP (`script-src 'self'`) refuses an injected <script> tag, so axe's source is evaluated through the
 * DevTools protocol instead (page.evaluate), which CSP does not govern; the page under test is left as served.
 *
 *   await expectAccessible(page, 'hall, phone');   // fails listing every serious or critical violation
 *   const violations = await findViolations(page); // all of them, for a report
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { AxeResults, ImpactValue, Result } from 'axe-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The rule tags run: WCAG 2.0 and 2.1, A and AA (axe's `wcag21aa` holds only the rules new in 2.1). */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;

/** The impacts that fail a page; minor and moderate ones are reported by findViolations only. */
const BLOCKING: readonly ImpactValue[] = ['serious', 'critical'];

/** A violation as reported: the rule, how bad, what to do, and where (axe's CSS selectors). */
export interface Violation {
  id: string;
  impact: ImpactValue | null;
  help: string;
  helpUrl: string;
  targets: string[];
}

/** Runs axe-core on the page as it is now; `exclude` lists selectors of parts not to check. */
export async function findViolations(page: Page, options: { exclude?: string[] } = {}): Promise<Violation[]> {
  const loaded = await page.evaluate(() => typeof (window as { axe?: unknown }).axe === 'object');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(
    async ({ tags, exclude }) => {
      const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<AxeResults> } }).axe;
      const context = exclude.length ? { exclude: exclude.map((selector) => [selector]) } : document;
      const run = await axe.run(context, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return run.violations;
    },
    { tags: [...WCAG_TAGS], exclude: options.exclude ?? [] },
  );
  return results.map((v: Result) => ({
    id: v.id,
    impact: v.impact ?? null,
    help: v.help,
    helpUrl: v.helpUrl,
    targets: v.nodes.map((n) => n.target.map(String).join(' ')),
  }));
}

/** One line per violation: impact, rule, advice, the first few places. */
export function describeViolations(violations: readonly Violation[], shown = 4): string {
  return violations
    .map((v) => {
      const more = v.targets.length > shown ? ` (+${v.targets.length - shown} more)` : '';
      return `  [${v.impact ?? 'unknown'}] ${v.id}: ${v.help}\n      at ${v.targets.slice(0, shown).join(' | ')}${more}`;
    })
    .join('\n');
}

/** Throws, listing them, when axe finds a serious or critical WCAG 2.1 A/AA violation on the page. */
export async function expectAccessible(page: Page, label: string, options: { exclude?: string[] } = {}): Promise<void> {
  const blocking = (await findViolations(page, options)).filter((v) => v.impact !== null && BLOCKING.includes(v.impact));
  if (blocking.length > 0) {
    throw new Error(`${label}: ${blocking.length} serious or critical accessibility violation(s) (axe-core, WCAG 2.1 A/AA):\n${describeViolations(blocking)}`);
  }
}
