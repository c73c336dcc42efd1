/**
 * Printed documents of a case (R3, R12): 受理通知书, 一次性告知单, 不予受理通知书 and 限时办结卡, as PDF bytes
 * from plain data. The cases module fills the data; the e-seal is applied later where the seal box is left.
 */
export { renderAcceptanceNotice } from './acceptance-notice';
export { renderCorrectionNotice } from './correction-notice';
export { renderRefusalNotice } from './refusal-notice';
export { renderTimeLimitCard } from './time-limit-card';
export * from './documents.types';
