/** Every table, for drizzle-kit. Modules own their tables; this file only gathers them. */
export * from '../platform/audit/audit.tables';
export * from '../platform/files/files.tables';
export * from '../platform/seal/seal.tables';
export * from '../modules/org/org.tables';
export * from '../modules/identity/identity.tables';
export * from '../modules/catalog/catalog.tables';
export * from '../modules/calendar/calendar.tables';
export * from '../modules/processes/processes.tables';
export * from '../modules/cases/cases.tables';
export * from '../modules/certificates/certificates.tables';
export * from '../modules/registration/registration.tables';
export * from '../modules/evaluations/evaluations.tables';
export * from '../modules/hall/hall.tables';
