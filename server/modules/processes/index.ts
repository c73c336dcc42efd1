/** Process definitions: versioned stage lists per item, the R10 flows, BPMN exchange. */
import type { FastifyInstance } from 'fastify';
import { processRoutes } from './processes.routes';

export { currentDefinitionFor, presentDefinition, processKeyOf } from './processes.service';
export { findDefinitionById } from './processes.repository';
export type { DefinitionRow } from './processes.repository';
export { generateProcess } from './processes.generator';
export { R10_FLOWS } from './processes.flows';
export { ProcessBodySchema } from './processes.schemas';
export * from './processes.tables';

export async function registerProcesses(app: FastifyInstance): Promise<void> {
  await app.register(processRoutes);
}
