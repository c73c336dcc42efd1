/**
 * Types of the service hall's staff API (窗口叫号, 大厅管理), derived from the server's zod schemas (the contract).
 * Only types are imported: nothing of the server reaches the browser bundle.
 */
import type { z } from 'zod';
import type {
  AppointmentView,
  ClosureBody as ClosureBodySchema,
  ClosureView,
  HallDayView,
  PerformanceView,
  RuleBody as RuleBodySchema,
  RulePatchBody as RulePatchBodySchema,
  RuleView,
  SettingsBody as SettingsBodySchema,
  TicketView,
  TransferBody as TransferBodySchema,
  WindowStateView,
  ZoneView,
} from '../../server/modules/hall/hall.schemas';

export type HallZone = z.infer<typeof ZoneView>;
export type QueueTicket = z.infer<typeof TicketView>;
export type WindowState = z.infer<typeof WindowStateView>;
export type HallDay = z.infer<typeof HallDayView>;
export type HallDayZone = HallDay['zones'][number];
export type HallAppointment = z.infer<typeof AppointmentView>;
export type HallPerformance = z.infer<typeof PerformanceView>;
export type WindowPerformance = HallPerformance['windows'][number];
export type HallSettings = z.infer<typeof SettingsBodySchema>;
export type OpeningRule = z.infer<typeof RuleView>;
export type OpeningRuleBody = z.input<typeof RuleBodySchema>;
export type OpeningRulePatch = z.input<typeof RulePatchBodySchema>;
export type Closure = z.infer<typeof ClosureView>;
export type ClosureBody = z.input<typeof ClosureBodySchema>;
export type TransferBody = z.input<typeof TransferBodySchema>;
