import { z } from 'zod';
import { APPOINTMENT_STATES, DAY_KINDS, END_TIME_PATTERN, TICKET_CHANNELS, TICKET_STATES, TIME_PATTERN } from '../../../common/hall';
import { IsoDateTime, nonBlank, Phone } from '../../platform/http/schemas';
import { DOCUMENT_KINDS } from '../cases';

const LocalDate = z.iso.date().describe('Local date in Asia/Shanghai, YYYY-MM-DD');
const Time = z.string().regex(TIME_PATTERN).describe('HH:MM, Asia/Shanghai');
const Version = z.number().int().min(1).describe('The version read; a stale one answers 409');
const ZoneCode = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Z0-9-]+$/)
  .describe('A hall zone code, e.g. HALL-APPROVAL');
/** A name for the screen (shown as 张*); optional. */
const VisitorName = z.string().trim().min(1).max(30).optional();

// ─── requests ───

export const SlotsQuery = z.object({
  zone: ZoneCode.optional().describe('The zone; or give item'),
  item: z.uuid().optional().describe("An item: its zone's slots"),
  from: LocalDate.optional().describe('First day (default today)'),
  days: z.coerce.number().int().min(1).max(31).default(7),
});

export const BookBody = z
  .object({
    zoneCode: ZoneCode.optional(),
    itemId: z.uuid().optional().describe('The item to be handled; its zone is booked'),
    date: LocalDate,
    startTime: Time,
    phone: Phone.optional().describe("Contact phone; the account's by default"),
    note: z.string().trim().max(200).default(''),
  })
  .strict();

export const RescheduleBody = z.object({ date: LocalDate, startTime: Time, version: Version }).strict();
export const CancelBody = z.object({ reason: z.string().trim().max(200).default(''), version: Version }).strict();
export const CheckInBody = z.object({ version: Version }).strict();

/** At the kiosk: the booking code and the last four digits of the phone booked with. */
export const PublicCheckInBody = z
  .object({
    code: z
      .string()
      .trim()
      .transform((v) => v.toUpperCase())
      .pipe(z.string().regex(/^[A-HJ-NP-Z2-9]{8}$/)),
    phoneLast4: z.string().regex(/^\d{4}$/),
  })
  .strict();

export const KioskTicketBody = z
  .object({
    zoneCode: ZoneCode,
    itemId: z.uuid().optional(),
    name: VisitorName,
  })
  .strict();

export const PhoneTicketBody = z.object({ zoneCode: ZoneCode, itemId: z.uuid().optional() }).strict();

export const TransferBody = z
  .object({
    version: Version,
    zoneCode: ZoneCode.optional().describe('Send to the queue of another zone'),
    windowId: z.uuid().optional().describe('Or to one window (it calls the ticket next)'),
  })
  .strict()
  .refine((b) => !!b.zoneCode !== !!b.windowId, { message: 'zoneCode or windowId, one of them', path: ['zoneCode'] });

export const TicketActionBody = z.object({ version: Version }).strict();

export const ScreenQuery = z.object({ zone: ZoneCode.optional().describe('One zone; all four by default') });

export const DayQuery = z.object({
  date: LocalDate.optional().describe('Default today'),
  zone: ZoneCode.optional(),
});

export const PerformanceQuery = z.object({ from: LocalDate.optional(), to: LocalDate.optional() });

export const SettingsBody = z
  .object({
    noShowGraceMinutes: z.number().int().min(0).max(120),
    noShowLimit: z.number().int().min(1).max(20),
    noShowWindowDays: z.number().int().min(7).max(365),
    noShowBanDays: z.number().int().min(0).max(365),
    reminderHours: z.number().int().min(1).max(72),
    bookingHorizonDays: z.number().int().min(1).max(60),
    defaultServiceMinutes: z.number().int().min(1).max(120),
  })
  .strict();

export const RuleBody = z
  .object({
    zoneCode: ZoneCode,
    dayKind: z.enum(DAY_KINDS),
    startTime: Time,
    endTime: z.string().regex(END_TIME_PATTERN).describe('HH:MM, or 24:00 for the end of the day'),
    slotMinutes: z.number().int().min(5).max(240).default(30),
    capacity: z.number().int().min(0).max(1000),
    walkIn: z.boolean().default(true),
  })
  .strict()
  .refine((r) => r.startTime < r.endTime, { message: 'endTime after startTime', path: ['endTime'] });

export const RulePatchBody = z
  .object({
    capacity: z.number().int().min(0).max(1000).optional(),
    walkIn: z.boolean().optional(),
    active: z.boolean().optional(),
  })
  .strict();

export const ClosureBody = z.object({ zoneCode: ZoneCode, date: LocalDate, reason: nonBlank(100) }).strict();
export const ClosureParams = z.object({ zoneCode: ZoneCode, date: LocalDate });

/** 自助打印: the case number with the applicant's full ID number (or credit code) and phone. */
export const KioskIdentityBody = z
  .object({
    number: z
      .string()
      .trim()
      .regex(/^\d{6}-\d{8}-\d{4,6}$/)
      .describe('办件编号'),
    idNumber: z.string().trim().min(15).max(18).describe("The applicant's ID number or credit code, in full"),
    phone: Phone.describe('The phone given when applying'),
  })
  .strict();

export const KioskPrintBody = KioskIdentityBody.extend({
  document: z.enum([...DOCUMENT_KINDS, 'certificate']),
  certificateNumber: z.string().trim().max(40).optional().describe("With document 'certificate'"),
}).strict();

// ─── responses ───

export const ZoneView = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  prefix: z.string(),
  description: z.string(),
});

export const SlotView = z.object({
  startTime: z.string(),
  endTime: z.string(),
  capacity: z.number().int(),
  booked: z.number().int(),
  available: z.number().int(),
  /** Started already (today). */
  past: z.boolean(),
});

export const DayView = z.object({
  date: z.string(),
  /** working: a working day; rest: weekend or holiday (无休日: open by appointment where the zone says so). */
  dayKind: z.enum(DAY_KINDS).nullable(),
  holidayName: z.string().nullable(),
  /** false: the year's holiday arrangements are not known yet; nothing can be booked. */
  known: z.boolean(),
  closedReason: z.string().nullable(),
  walkIn: z.boolean(),
  hours: z.array(z.object({ startTime: z.string(), endTime: z.string() })),
  slots: z.array(SlotView),
});

export const SlotsView = z.object({ zone: ZoneView, days: z.array(DayView) });

export const AppointmentView = z.object({
  id: z.uuid(),
  code: z.string(),
  zone: ZoneView,
  itemId: z.uuid().nullable(),
  itemName: z.string().nullable(),
  date: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  name: z.string(),
  phone: z.string().describe('Masked except for the applicant'),
  note: z.string(),
  state: z.enum(APPOINTMENT_STATES),
  ticketId: z.uuid().nullable(),
  ticketNumber: z.string().nullable(),
  rescheduleCount: z.number().int(),
  checkedInAt: IsoDateTime.nullable(),
  cancelledAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
  version: z.number().int(),
  /** What the applicant may do now. */
  can: z.object({ reschedule: z.boolean(), cancel: z.boolean(), checkIn: z.boolean() }),
});

export const TicketView = z.object({
  id: z.uuid(),
  number: z.string(),
  zone: ZoneView,
  serviceDate: z.string(),
  channel: z.enum(TICKET_CHANNELS),
  state: z.enum(TICKET_STATES),
  itemName: z.string().nullable(),
  /** Masked: 张* */
  name: z.string(),
  issuedAt: IsoDateTime,
  calledAt: IsoDateTime.nullable(),
  callCount: z.number().int(),
  window: z.object({ id: z.uuid(), code: z.string(), name: z.string() }).nullable(),
  /** Waiting tickets ahead of this one (0 once called). */
  ahead: z.number().int(),
  /** Estimated minutes until called (null once called). */
  estimateMinutes: z.number().int().nullable(),
  version: z.number().int(),
});

export const WindowStateView = z.object({
  window: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  zone: ZoneView,
  current: TicketView.nullable(),
  waiting: z.number().int(),
  servedToday: z.number().int(),
  avgServiceMinutes: z.number().nullable(),
  /** Windows a ticket may be transferred to. */
  windows: z.array(z.object({ id: z.uuid(), code: z.string(), name: z.string(), zoneCode: z.string() })),
  zones: z.array(ZoneView),
});

export const ScreenView = z.object({
  now: IsoDateTime,
  zones: z.array(ZoneView.extend({ waiting: z.number().int(), open: z.boolean() })),
  calls: z.array(
    z.object({
      /** Increases with each call; the screen speaks every id it has not spoken. */
      id: z.number().int(),
      kind: z.enum(['called', 'recalled']),
      number: z.string(),
      name: z.string(),
      windowCode: z.string(),
      windowName: z.string(),
      zoneCode: z.string(),
      at: IsoDateTime,
      sentence: z.string(),
    }),
  ),
});

export const HallDayView = z.object({
  date: z.string(),
  zones: z.array(
    ZoneView.extend({
      waiting: z.number().int(),
      called: z.number().int(),
      done: z.number().int(),
      skipped: z.number().int(),
      issued: z.number().int(),
      appointments: z.number().int(),
      checkedIn: z.number().int(),
      noShows: z.number().int(),
    }),
  ),
  appointments: z.array(AppointmentView),
  tickets: z.array(TicketView),
});

export const PerformanceView = z.object({
  from: z.string(),
  to: z.string(),
  windows: z.array(
    z.object({
      windowId: z.uuid(),
      code: z.string(),
      name: z.string(),
      zoneCode: z.string(),
      served: z.number().int(),
      skipped: z.number().int(),
      avgWaitMinutes: z.number().nullable(),
      avgServiceMinutes: z.number().nullable(),
      staff: z.array(z.string()),
    }),
  ),
});

export const SettingsView = SettingsBody;

export const RuleView = z.object({
  id: z.uuid(),
  zoneCode: z.string(),
  zoneName: z.string(),
  dayKind: z.enum(DAY_KINDS),
  startTime: z.string(),
  endTime: z.string(),
  slotMinutes: z.number().int(),
  capacity: z.number().int(),
  walkIn: z.boolean(),
  active: z.boolean(),
});

export const ClosureView = z.object({ zoneCode: z.string(), date: z.string(), reason: z.string() });

export const KioskDocumentsView = z.object({
  number: z.string(),
  itemName: z.string(),
  applicant: z.string().describe('Masked'),
  documents: z.array(z.object({ kind: z.enum(DOCUMENT_KINDS), title: z.string() })),
  certificates: z.array(z.object({ number: z.string(), displayNumber: z.string(), title: z.string() })),
});
