/** Business registration (市场主体登记, 一照一码): the register, credit codes, the licence, sharing, validation. */
import type { FastifyInstance } from 'fastify';
import { registrationRoutes } from './registration.routes';

export * from './registration.tables';
export { onRegistrationDecided, registrationCertificateHook, registrationFormHoldsLocks, validateRegistrationForm, type RegistrationDeps } from './registration.service';
export { seedDemoEnterprises } from './registration.demo';

export async function registerRegistration(app: FastifyInstance): Promise<void> {
  await app.register(registrationRoutes);
}
