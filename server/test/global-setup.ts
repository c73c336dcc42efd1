import type { TestProject } from 'vitest/node';
import { buildTemplate, dropTemplate, type TemplateInfo } from './template';

declare module 'vitest' {
  export interface ProvidedContext {
    template: TemplateInfo;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const template = await buildTemplate();
  project.provide('template', template);
  return () => dropTemplate(template);
}
