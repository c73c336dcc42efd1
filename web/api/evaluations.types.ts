/**
 * Types of the 好差评 and 投诉建议 API, derived from the server's zod schemas (the contract). Only types are
 * imported: nothing of the server reaches the browser bundle.
 */
import type { z } from 'zod';
import type {
  ComplaintView,
  EvaluationView,
  MyComplaintBody as MyComplaintBodySchema,
  MyEvaluationBody as MyEvaluationBodySchema,
  PublicVisitView,
  RectificationView,
  SettingsView,
  StatsView,
  VisitEvaluationBody as VisitEvaluationBodySchema,
  VisitTokenView,
} from '../../server/modules/evaluations/evaluations.schemas';

export type Evaluation = z.infer<typeof EvaluationView>;
export type Rectification = z.infer<typeof RectificationView>;
export type RectificationAbilities = Rectification['abilities'];
export type EvaluationStats = z.infer<typeof StatsView>;
export type EvaluationSettings = z.infer<typeof SettingsView>;
export type Complaint = z.infer<typeof ComplaintView>;
export type VisitToken = z.infer<typeof VisitTokenView>;
export type PublicVisit = z.infer<typeof PublicVisitView>;
export type MyEvaluationBody = z.input<typeof MyEvaluationBodySchema>;
export type VisitEvaluationBody = z.input<typeof VisitEvaluationBodySchema>;
export type MyComplaintBody = z.input<typeof MyComplaintBodySchema>;
