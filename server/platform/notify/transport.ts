/**
 * How notices leave the system. The default transport writes them to the log (personal data masked); a county
 * plugs in its SMS gateway or mail server by implementing the same interface.
 */
import { maskPhone } from '../../../common/mask';

export interface OutgoingMessage {
  channel: 'sms' | 'email';
  address: string;
  title: string;
  body: string;
}

export interface NotificationTransport {
  send(message: OutgoingMessage): Promise<void>;
}

function maskAddress(channel: string, address: string): string {
  if (channel === 'sms') return maskPhone(address) ?? '';
  const [user, domain] = address.split('@');
  return `${(user ?? '').slice(0, 1)}***@${domain ?? ''}`;
}

export class LogTransport implements NotificationTransport {
  constructor(private readonly log: (entry: Record<string, unknown>, msg: string) => void) {}
  async send(message: OutgoingMessage): Promise<void> {
    this.log({ channel: message.channel, to: maskAddress(message.channel, message.address), title: message.title, body: message.body }, 'notification sent (log transport)');
  }
}

/** Keeps what it sends, for tests. */
export class MemoryTransport implements NotificationTransport {
  readonly sent: OutgoingMessage[] = [];
  async send(message: OutgoingMessage): Promise<void> {
    this.sent.push(message);
  }
}
