/** Debian's chromium driven by playwright-core, with the flags this machine needs (playwright gives each launch a fresh profile). */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ARTIFACTS = path.resolve(import.meta.dirname, 'artifacts');

/**
 * A fontconfig file that adds the Noto Serif SC the PDFs already use (an npm dependency) to the system's fonts,
 * so that screenshots show Chinese instead of empty boxes on a machine without CJK fonts.
 */
function fontConfigFile(): string {
  const require = createRequire(import.meta.url);
  const dirs = ['400Regular/NotoSerifSC_400Regular.ttf', '700Bold/NotoSerifSC_700Bold.ttf'].map((f) =>
    path.dirname(require.resolve(`@expo-google-fonts/noto-serif-sc/${f}`)),
  );
  const dir = path.join(os.tmpdir(), 'ow-e2e-fontconfig');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'fonts.conf');
  fs.writeFileSync(
    file,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n${dirs
      .map((d) => `  <dir>${d}</dir>\n`)
      .join('')}  <cachedir>${path.join(dir, 'cache')}</cachedir>\n</fontconfig>\n`,
  );
  return file;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    env: { ...process.env, FONTCONFIG_FILE: process.env.FONTCONFIG_FILE ?? fontConfigFile() },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Keeps a screenshot as a test artefact (e2e/artifacts/<name>.png). */
export async function keepScreenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
