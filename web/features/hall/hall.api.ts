/** The hall's API as the public pages use it: zones, slots, appointments, tickets, the call screen. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { AppointmentState, HallDayKind, TicketChannel, TicketState } from '../../../common/hall';

export interface Zone {
  id: string;
  code: string;
  name: string;
  prefix: string;
  description: string;
}

export interface Slot {
  startTime: string;
  endTime: string;
  capacity: number;
  booked: number;
  available: number;
  past: boolean;
}

export interface SlotDay {
  date: string;
  dayKind: HallDayKind | null;
  holidayName: string | null;
  known: boolean;
  closedReason: string | null;
  walkIn: boolean;
  hours: { startTime: string; endTime: string }[];
  slots: Slot[];
}

export interface Appointment {
  id: string;
  code: string;
  zone: Zone;
  itemId: string | null;
  itemName: string | null;
  date: string;
  startTime: string;
  endTime: string;
  name: string;
  phone: string;
  note: string;
  state: AppointmentState;
  ticketId: string | null;
  ticketNumber: string | null;
  rescheduleCount: number;
  version: number;
  can: { reschedule: boolean; cancel: boolean; checkIn: boolean };
}

export interface Ticket {
  id: string;
  number: string;
  zone: Zone;
  serviceDate: string;
  channel: TicketChannel;
  state: TicketState;
  itemName: string | null;
  name: string;
  issuedAt: string;
  calledAt: string | null;
  callCount: number;
  window: { id: string; code: string; name: string } | null;
  ahead: number;
  estimateMinutes: number | null;
  version: number;
}

export interface ScreenData {
  now: string;
  zones: (Zone & { waiting: number; open: boolean })[];
  calls: { id: number; kind: 'called' | 'recalled'; number: string; name: string; windowCode: string; windowName: string; zoneCode: string; at: string; sentence: string }[];
}

export interface CheckInResult {
  appointment: Appointment;
  ticket: Ticket;
}

export function useZones() {
  return useQuery({ queryKey: ['hall', 'zones'], queryFn: () => api.get<Zone[]>('/api/public/hall/zones'), staleTime: 10 * 60_000 });
}

export function useSlots(params: { zone?: string | undefined; item?: string | undefined; days?: number }) {
  return useQuery({
    queryKey: ['hall', 'slots', params],
    queryFn: () => api.get<{ zone: Zone; days: SlotDay[] }>('/api/public/hall/slots', { zone: params.zone, item: params.item, days: params.days ?? 14 }),
    enabled: !!(params.zone || params.item),
    staleTime: 15_000,
  });
}

export function useMyAppointments() {
  return useQuery({
    queryKey: ['hall', 'my-appointments'],
    queryFn: () => api.get<{ items: Appointment[]; total: number }>('/api/my/appointments', { limit: 50 }),
  });
}

export function useMyTickets() {
  return useQuery({ queryKey: ['hall', 'my-tickets'], queryFn: () => api.get<Ticket[]>('/api/my/queue/tickets'), refetchInterval: 15_000 });
}

/** Mutations that change the applicant's appointments or tickets refresh both lists and the slots. */
export function useHallMutation<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['hall'] }),
  });
}
