/** Organisation: region, townships, zones, units (bureau, sections, departments, centre units), windows. */
import type { FastifyInstance } from 'fastify';
import { orgRoutes } from './org.routes';

export { findRegion, findUnitByCode, findWindowByCode, listUnits as listUnitRows, listZones as listZoneRows } from './org.repository';
export type { UnitRow, ZoneRow } from './org.repository';
export { presentUnit } from './org.service';
export * from './org.tables';

export async function registerOrg(app: FastifyInstance): Promise<void> {
  await app.register(orgRoutes);
}
