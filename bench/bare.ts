/**
 * The load benchmark's HTTP ceiling: a Fastify server with nothing but one route answering a small JSON — no
 * plugins, no sessions, no database — started like the agent (a child process under tsx, logger off, 127.0.0.1)
 * so that the difference to a real route is the application's own work. Answers the runner's `counters` and
 * `stop` over IPC.
 */
import Fastify from 'fastify';
import type { AgentReply, AgentRequest } from './protocol';

const app = Fastify({ logger: false });
app.get('/bare', async () => ({ ok: true, service: 'onewindow-bench' }));
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;

async function handle(req: AgentRequest): Promise<unknown> {
  if (req.cmd === 'counters') {
    const cpu = process.cpuUsage();
    return { queries: 0, cpuMs: (cpu.user + cpu.system) / 1000, sysMs: cpu.system / 1000, dbCpuMs: null };
  }
  if (req.cmd === 'stop') {
    await app.close();
    setImmediate(() => process.exit(0));
    return { stopped: true };
  }
  throw new Error(`the bare server does not do ${req.cmd}`);
}

process.on('message', (msg: AgentRequest) => {
  handle(msg).then(
    (result) => process.send!({ id: msg.id, ok: true, result } satisfies AgentReply),
    (err: unknown) => process.send!({ id: msg.id, ok: false, error: err instanceof Error ? err.message : String(err) } satisfies AgentReply),
  );
});
process.send!({ id: 0, ok: true, result: { ready: true, port } } satisfies AgentReply);
