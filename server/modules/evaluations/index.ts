/** 政务服务“好差评”: evaluations, 差评整改 with call-back and invalid-rating review, complaints and suggestions. */
import type { FastifyInstance } from 'fastify';
import { evaluationRoutes } from './evaluations.routes';

export * from './evaluations.tables';
export { evaluationJobs, scanOverdueRectifications } from './evaluations.jobs';

export async function registerEvaluations(app: FastifyInstance): Promise<void> {
  await app.register(evaluationRoutes);
}
